using Mrh.Analysis;
using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Experiments;

/// <summary>The resolution of one image on each analysed section, in micrometres (NaN where no peak was found).</summary>
public sealed record ResolutionEstimate(string Image, int[] Sections, double[] Micrometres)
{
    /// <summary>Mean and SD over the sections with a result.</summary>
    public SampleSummary Summary => Descriptive.Summarize(Micrometres.Where(double.IsFinite).ToArray());
}

/// <summary>
/// Supplementary Fig. 8: the resolution of the MRI, the MRH prediction and the histology by decorrelation
/// analysis (<see cref="DecorrelationResolution"/>, without edge apodisation, as in the paper), on the same
/// coronal sections. So that the brain's outline (the same in every image) does not count as detail, each
/// section is cropped to the brain's bounding box and the voxels outside the brain are set to the brain's
/// mean value. Pixel sizes come from the volume spacing (mm), results are in µm.
/// </summary>
public static class ResolutionAnalysis
{
    /// <summary>The resolution of channel <paramref name="channel"/> of <paramref name="volume"/> on each coronal section.</summary>
    public static ResolutionEstimate Estimate(string image, Volume volume, bool[] brain, IReadOnlyList<int> sections, int channel = 0,
        DecorrelationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var (cols, rows) = volume.Axes.InPlaneAxes(AnatomicalPlane.Coronal);
        double sc = volume.Spacing[cols], sr = volume.Spacing[rows];
        if (Math.Abs(sc - sr) > 0.01 * Math.Max(sc, sr))
            throw new MrhException($"decorrelation analysis needs square pixels (coronal sections of {image} are {sc:G4} x {sr:G4} mm)");
        var microns = sections.Select(s =>
        {
            var section = BrainSection(volume, brain, s, channel);
            if (section is null || section.Width < 15 || section.Height < 15) return double.NaN;
            var r = DecorrelationResolution.Estimate(section, sc * 1000, options);
            return r.Resolution;
        }).ToArray();
        return new ResolutionEstimate(image, sections.ToArray(), microns);
    }

    /// <summary>
    /// A coronal section cropped to the bounding box of the brain on it, with every voxel outside the brain set
    /// to the mean over the brain; null when the section holds no brain.
    /// </summary>
    public static Section? BrainSection(Volume volume, bool[] brain, int section, int channel = 0)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(brain);
        if (brain.Length != volume.VoxelCount) throw new MrhException($"the brain mask has {brain.Length} voxels, the volume {volume.VoxelCount}");
        var image = volume.Slice(AnatomicalPlane.Coronal, section, channel);
        var inside = Volume.FromArray(volume, brain.Select(b => b ? 1f : 0f).ToArray(), "brain").Slice(AnatomicalPlane.Coronal, section);
        var window = SectionWindow.Around(inside);
        if (window is null) return null;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < image.Pixels.Length; i++)
            if (inside.Pixels[i] > 0.5f) { sum += image.Pixels[i]; count++; }
        float mean = (float)(sum / count);
        var filled = image.Pixels.Select((v, i) => inside.Pixels[i] > 0.5f ? v : mean).ToArray();
        return new Section(image.Width, image.Height, filled).Crop(window);
    }

    /// <summary>The channel of a protocol that shows anatomy best for this analysis: the T2-weighted image, else the first.</summary>
    public static int AnatomicalChannel(Protocol protocol)
    {
        var t2w = protocol.IndicesWhere(c => c.Kind == ChannelKind.T2W);
        return t2w.Length > 0 ? t2w[0] : 0;
    }
}
