using System.Globalization;
using System.Text;
using Mrh.Data;
using Mrh.Imaging;
using Mrh.IO;
using Mrh.Mri;

namespace Mrh.Phantom;

/// <summary>
/// Writes the MRI cohorts of a phantom study in the authors' published file layout
/// (<c>shared/reference/matlab-mrh-net.md</c>), so that the template manifest <c>data/authors-layout.dataset.json</c>
/// (embedded in the library, written as dataset.json) reads it unchanged: folders <c>subject01</c>..<c>subject10</c>
/// (the 6 training then the 4 test animals) of Analyze 7.5 pairs <c>rigidaffine_Lddm_dwi2000</c> (32 volumes),
/// <c>rigidaffine_Lddm_dwi5000</c> (32), <c>rigidaffine_lddm_t2MTONOFF</c> (T2W, MT-on, MT-off),
/// <c>rigidaffine_Lddm_fa</c> (FA of the b = 2,000 shell's tensor fit, as <c>mrh markers</c> computes it) and
/// <c>Masked_outline</c>; <c>histology/AF_average</c> (the reference AF); and the gradient tables
/// <c>grad_2000.txt</c>, <c>grad_5000.txt</c> (lines "gx, gy, gz, b"). The arrays are in the authors' axis order
/// (left-right, anterior-posterior, dorsal-ventral), as the template's "axes" says; gradient directions are
/// given in that array frame.
/// </summary>
public static class AuthorsLayoutExport
{
    /// <summary>The template's resource name in the library assembly.</summary>
    const string TemplateResource = "Mrh.Data.authors-layout.dataset.json";

    /// <summary>The subject ids of the template: the training animals, then the test animals.</summary>
    public static IReadOnlyList<string> SubjectIds(PhantomStudy study) =>
        Enumerable.Range(1, study.MriTraining.Count + study.MriTest.Count).Select(k => $"subject{k.ToString("00", CultureInfo.InvariantCulture)}").ToArray();

    /// <summary>The template manifest, as committed in data/authors-layout.dataset.json.</summary>
    public static string Template()
    {
        using var s = typeof(AuthorsLayoutExport).Assembly.GetManifestResourceStream(TemplateResource)
            ?? throw new InvalidOperationException($"resource {TemplateResource} missing from the build");
        using var r = new StreamReader(s, Encoding.UTF8);
        return r.ReadToEnd();
    }

    /// <summary>Writes the layout into <paramref name="directory"/>; returns the manifest's path.</summary>
    public static string Export(PhantomStudy study, string directory, IProgress<long>? progress = null)
    {
        if (study.MriTraining.Count != 6 || study.MriTest.Count != 4)
            throw new MrhException($"the authors' template lists 6 training and 4 test subjects; this study has {study.MriTraining.Count} and {study.MriTest.Count}");
        var protocol = study.MriTraining.Protocol ?? throw new MrhException("the phantom study has no MRI protocol");
        if (protocol.Count != 67) throw new MrhException($"the authors' layout holds the 67-image protocol, not {protocol.Count} images");
        Directory.CreateDirectory(directory);
        WriteGradientTable(Path.Combine(directory, "grad_2000.txt"), protocol, 0);
        WriteGradientTable(Path.Combine(directory, "grad_5000.txt"), protocol, 32);
        var ids = SubjectIds(study);
        long done = 0;
        var animals = Enumerable.Range(0, study.MriTraining.Count).Select(i => (study.MriTraining, i))
            .Concat(Enumerable.Range(0, study.MriTest.Count).Select(i => (study.MriTest, i))).ToList();
        var dti = new MarkerJob(protocol);
        for (int k = 0; k < animals.Count; k++)
        {
            var (cohort, i) = animals[k];
            string dir = Path.Combine(directory, ids[k]);
            var mri = cohort.Mri(i);
            var mask = cohort.Mask(i);
            VolumeFile.WriteAnalyze(ToAuthorsAxes(mri.SelectChannels(Enumerable.Range(0, 32).ToArray())), Path.Combine(dir, "rigidaffine_Lddm_dwi2000.img"));
            VolumeFile.WriteAnalyze(ToAuthorsAxes(mri.SelectChannels(Enumerable.Range(32, 32).ToArray())), Path.Combine(dir, "rigidaffine_Lddm_dwi5000.img"));
            VolumeFile.WriteAnalyze(ToAuthorsAxes(mri.SelectChannels([64, 65, 66])), Path.Combine(dir, "rigidaffine_lddm_t2MTONOFF.img"));
            var fa = dti.Run(mri, mask).First(m => m.Name.EndsWith("_fa", StringComparison.Ordinal)).Map;
            VolumeFile.WriteAnalyze(ToAuthorsAxes(fa), Path.Combine(dir, "rigidaffine_Lddm_fa.img"));
            VolumeFile.WriteAnalyze(ToAuthorsAxes(mask), Path.Combine(dir, "Masked_outline.img"), VolumeDataType.UInt8);
            progress?.Report(++done);
        }
        VolumeFile.WriteAnalyze(ToAuthorsAxes(study.AfReference()), Path.Combine(directory, "histology", "AF_average.img"));
        string manifest = Path.Combine(directory, Dataset.ManifestFileName);
        AtomicFile.WriteText(manifest, Template());
        progress?.Report(++done);
        return manifest;
    }

    /// <summary>The phantom's arrays (left-right, dorsal-ventral, anterior-posterior) reordered to the authors' (LR, AP, DV).</summary>
    public static Volume ToAuthorsAxes(Volume v)
    {
        int nx = v.NX, ny = v.NY, nz = v.NZ;
        var channels = v.Channels.Select(src =>
        {
            var dst = new float[src.Length];
            for (int z = 0; z < nz; z++)
                for (int y = 0; y < ny; y++)
                    for (int x = 0; x < nx; x++)
                        dst[x + nx * (z + nz * y)] = src[x + nx * (y + ny * z)];
            return dst;
        }).ToArray();
        var axes = v.Axes;
        var swapped = new AnatomicalAxes(Swap(axes.LeftRight), Swap(axes.DorsalVentral), Swap(axes.AnteriorPosterior));
        return new Volume(nx, nz, ny, channels, [v.Spacing[0], v.Spacing[2], v.Spacing[1]], null, v.ChannelNames, swapped);

        static int Swap(int a) => a == 1 ? 2 : a == 2 ? 1 : a;
    }

    static void WriteGradientTable(string path, Protocol protocol, int first)
    {
        var sb = new StringBuilder();
        for (int c = first; c < first + 32; c++)
        {
            var ch = protocol[c];
            var d = ch.Direction ?? [0, 0, 0];
            // array frame of the authors' layout: (x, z, y) of the phantom's
            sb.Append(CultureInfo.InvariantCulture, $"{d[0]:R}, {d[2]:R}, {d[1]:R}, {ch.BValue:R}\n");
        }
        AtomicFile.WriteText(path, sb.ToString());
    }
}
