using Mrh.Experiments;
using Mrh.Experiments.Causes;
using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Experiments.Causes;

/// <summary>The cause test's data: only the named animals' stain is replaced, by the stain's response to their own tissue.</summary>
public class ArtefactFreeHistologyTests
{
    [Fact]
    public void OnlyTheNamedAnimalsStainIsReplacedByItsIdealImage()
    {
        var study = PhantomStudy.For(Preset.Smoke, 1);
        var inner = new PhantomStudyData(study);
        var af = inner.AfAnimals;
        var ideal = new ArtefactFreeHistology(inner, Stain.AutoFluorescence, [af[0]]);

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
        var pairs = new ArtefactFreeHistology(inner, Stain.AutoFluorescence, new Dictionary<string, string> { [af[0]] = mri });
        var mriCohort = study.Cohorts.Single(c => c.Animals.Any(a => a.Id == mri));
        int mriIndex = mriCohort.Animals.ToList().FindIndex(a => a.Id == mri);
        Assert.Equal(HistologySimulator.Ideal(mriCohort.Truth(mriIndex), Stain.AutoFluorescence), pairs.Af(af[0]).Channels[0]);
        Assert.NotEqual(replaced, pairs.Af(af[0]).Channels[0]); // another individual's anatomy
        Assert.NotEqual(ideal.Identity, pairs.Identity);
        // an animal without the stain cannot have it replaced
        var wrong = new ArtefactFreeHistology(inner, Stain.AutoFluorescence, [mri]);
        Assert.Throws<MrhException>(() => wrong.Af(mri));
    }
}
