using Mrh.Experiments;
using Mrh.Experiments.Causes;
using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Experiments.Causes;

/// <summary>The cause test's data: only the named animals' stain is replaced, by the stain's response to their own tissue.</summary>
public class ReplacedHistologyTests
{
    [Fact]
    public void OnlyTheNamedAnimalsStainIsReplacedByItsIdealImage()
    {
        var study = PhantomStudy.For(Preset.Smoke, 1);
        var inner = new PhantomStudyData(study);
        var af = inner.AfAnimals;
        var ideal = ReplacedHistology.Ideal(inner, Stain.AutoFluorescence, [af[0]]);

        var cohort = study.Cohorts.Single(c => c.Animals.Any(a => a.Id == af[0]));
        int index = cohort.Animals.ToList().FindIndex(a => a.Id == af[0]);
        var expected = HistologySimulator.Ideal(cohort.Truth(index), Stain.AutoFluorescence);
        var replaced = ideal.Af(af[0]).Channels[0];
        Assert.Equal(expected, replaced);
        var measured = inner.Af(af[0]).Channels[0];
        Assert.NotEqual(measured, replaced); // the measured AF has scale, shading, noise and misregistration
        // the ideal image has no noise: outside the brain and CSF it is the tissue's response only, never negative
        Assert.All(replaced, v => Assert.True(v >= 0));

        Assert.Equal(inner.Af(af[1]).Channels[0], ideal.Af(af[1]).Channels[0]);
        Assert.Equal(inner.AfReference().Channels[0], ideal.AfReference().Channels[0]);
        var mri = inner.TrainingAnimals[0];
        Assert.Equal(inner.Mri(mri).Channels[3], ideal.Mri(mri).Channels[3]);
        Assert.Equal(inner.TestAnimals, ideal.TestAnimals);
        // networks trained on it are cached apart from the study's
        Assert.NotEqual(inner.Identity, ideal.Identity);
        Assert.StartsWith(inner.Identity, ideal.Identity);

        // rendered from another animal's tissue: an AF animal's image made from an MRI animal's microstructure
        var pairs = ReplacedHistology.Ideal(inner, Stain.AutoFluorescence, new Dictionary<string, string> { [af[0]] = mri });
        var mriCohort = study.Cohorts.Single(c => c.Animals.Any(a => a.Id == mri));
        int mriIndex = mriCohort.Animals.ToList().FindIndex(a => a.Id == mri);
        Assert.Equal(HistologySimulator.Ideal(mriCohort.Truth(mriIndex), Stain.AutoFluorescence), pairs.Af(af[0]).Channels[0]);
        Assert.NotEqual(replaced, pairs.Af(af[0]).Channels[0]); // another individual's anatomy
        Assert.NotEqual(ideal.Identity, pairs.Identity);
        // an animal without the stain cannot have it replaced
        var wrong = ReplacedHistology.Ideal(inner, Stain.AutoFluorescence, [mri]);
        Assert.Throws<MrhException>(() => wrong.Af(mri));
    }

    [Fact]
    public void ImagedWithOtherParametersKeepsTheTissueAndTheRandomDraws()
    {
        var study = PhantomStudy.For(Preset.Smoke, 1);
        var inner = new PhantomStudyData(study);
        string nf = inner.Group(TransferExperiment.GroupOf("NF"))[0];
        // the study's own parameters: the same image to the byte (same tissue, same seed)
        var same = ReplacedHistology.Imaged(inner, [Stain.Neurofilament], [nf], study.Config.Histology with { });
        Assert.Equal(inner.Histology(nf, "NF").Channels[0], same.Histology(nf, "NF").Channels[0]);
        // without section variation: another image, the other stains and animals untouched
        var flat = ReplacedHistology.Imaged(inner, [Stain.Neurofilament, Stain.MyelinBasicProtein], [nf],
            StainImagingCauses.WithoutSectionVariation(study.Config.Histology));
        Assert.NotEqual(inner.Histology(nf, "NF").Channels[0], flat.Histology(nf, "NF").Channels[0]);
        string mbp = inner.Group(TransferExperiment.GroupOf("MBP"))[0];
        if (mbp != nf) Assert.Equal(inner.Histology(mbp, "MBP").Channels[0], flat.Histology(mbp, "MBP").Channels[0]);
        Assert.NotEqual(inner.Identity, flat.Identity);
        Assert.NotEqual(same.Identity, flat.Identity);
        // the section variation is what was removed: the spread of the slab means (relative to the standard image's
        // smooth trend) shrinks; measured as the SD of the coronal slab means' ratio to their neighbours' average
        Assert.True(SlabRoughness(flat.Histology(nf, "NF")) < 0.7 * SlabRoughness(inner.Histology(nf, "NF")),
            $"slab roughness {SlabRoughness(flat.Histology(nf, "NF")):0.0000} vs {SlabRoughness(inner.Histology(nf, "NF")):0.0000}");
    }

    /// <summary>SD over coronal sections of log(mean of a section / mean of its two neighbours), over voxels above 0.</summary>
    static double SlabRoughness(Mrh.Imaging.Volume v)
    {
        var means = new double[v.NZ];
        for (int z = 0; z < v.NZ; z++)
        {
            double sum = 0; int n = 0;
            for (int y = 0; y < v.NY; y++)
                for (int x = 0; x < v.NX; x++)
                    if (v[x, y, z] > 0.05f) { sum += v[x, y, z]; n++; }
            means[z] = n > 20 ? sum / n : double.NaN;
        }
        var r = new List<double>();
        for (int z = 1; z < v.NZ - 1; z++)
            if (double.IsFinite(means[z - 1]) && double.IsFinite(means[z]) && double.IsFinite(means[z + 1]))
                r.Add(Math.Log(means[z] / (0.5 * (means[z - 1] + means[z + 1]))));
        double m = r.Average();
        return Math.Sqrt(r.Sum(x => (x - m) * (x - m)) / (r.Count - 1));
    }
}
