using Mrh.Experiments;
using Mrh.Imaging;
using Mrh.Presets;

namespace Mrh.Tests.Experiments;

public class ExperimentPiecesTests
{
    [Fact]
    public void EvaluationSectionsAreEvenlySpacedThroughTheBrain()
    {
        // brain occupies coronal sections z = 2..11 of a 4x4x14 grid
        var like = Volume.Zeros(4, 4, 14);
        var brain = new bool[like.VoxelCount];
        for (int z = 2; z <= 11; z++) for (int y = 0; y < 4; y++) for (int x = 0; x < 4; x++) brain[like.Index(x, y, z)] = true;
        var (mask, sections) = EvaluationRegion.Coronal(like, brain, 3);
        // first + (k + 0.5) * (last - first) / 3 for k = 0, 1, 2 -> 2 + 1.5, 4.5, 7.5 rounded (to even) -> 4, 6, 10
        Assert.Equal([4, 6, 10], sections);
        Assert.Equal(3 * 16, mask.Count(b => b));
        Assert.True(mask[like.Index(1, 1, 6)]);
        Assert.False(mask[like.Index(1, 1, 5)]);
        var (all, every) = EvaluationRegion.Coronal(like, brain, 0);
        Assert.Equal(Enumerable.Range(2, 10), every);
        Assert.Equal(brain, all);
        Assert.Throws<MrhException>(() => EvaluationRegion.Coronal(like, new bool[like.VoxelCount], 3));
    }

    [Fact]
    public void DarkToBrightRatioComparesMediansOfReferenceThirds()
    {
        // reference 1..9: darkest third {1,2,3}, brightest {7,8,9}; map = 10 - reference -> medians 8 and 2
        var like = Volume.Zeros(9, 1, 1);
        var reference = Volume.FromArray(like, Enumerable.Range(1, 9).Select(v => (float)v).ToArray());
        var map = Volume.FromArray(like, Enumerable.Range(1, 9).Select(v => 10f - v).ToArray());
        Assert.Equal(4.0, RegionContrast.DarkToBrightRatio(map, reference, Enumerable.Repeat(true, 9).ToArray()), 12);
        Assert.Equal(0.25, RegionContrast.DarkToBrightRatio(reference, reference, Enumerable.Repeat(true, 9).ToArray()), 12);
    }

    [Fact]
    public void Figure1CasesFollowThePaper()
    {
        var data = new PhantomStudyData(Mrh.Phantom.PhantomStudy.For(Preset.Smoke, useCache: false));
        var settings = ExperimentSettings.For(Preset.Smoke);
        var cases = new TrainingSizeExperiment(data, settings).Cases();
        Assert.Equal(["i", "ii", "iii", "iii", "iv", "v"], cases.Select(c => c.Id));
        Assert.Equal(60, cases[0].AfAnimals.Count);
        Assert.Equal(6, cases[1].AfAnimals.Count);
        Assert.NotEqual(cases[2].AfAnimals[0], cases[3].AfAnimals[0]); // repeats use different animals
        Assert.DoesNotContain(cases[2].AfAnimals[0], cases[1].AfAnimals);
        Assert.Equal([settings.FewPatches, settings.FewestPatches], cases.Skip(4).Select(c => c.Patches));
        // every AF animal of case i is paired with an MRI training animal, round robin
        var pairs = new TrainingSizeExperiment(data, settings).Pairs(cases[1]);
        Assert.Equal(6, pairs.Count);
        Assert.Equal(data.TrainingAnimals.Select((m, j) => $"{m}+{cases[1].AfAnimals[j]}"), pairs.Select(p => p.SubjectId));
    }

    [Fact]
    public void AManifestWithoutTheFigureGroupsIsAClearError()
    {
        var dir = Directory.CreateTempSubdirectory("mrh-study-").FullName;
        try
        {
            var v = Volume.Zeros(3, 3, 3);
            var writer = new Mrh.Data.DatasetWriter(dir, Mrh.Data.Protocol.Default67().Select([64]), "tiny");
            writer.AddSubject("s1", v.WithChannelNames(["T2W"]));
            writer.Save();
            var data = StudyData.Open("smoke", dir);
            var e = Assert.Throws<MrhException>(() => data.TrainingAnimals);
            Assert.Contains("mri-train", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void ThePhantomsCohortsAreTheStudyGroups()
    {
        var study = Mrh.Phantom.PhantomStudy.For(Preset.Smoke, useCache: false);
        var data = new PhantomStudyData(study);
        foreach (var group in StudyGroups.All)
            Assert.Equal(study.Cohort(group).Animals.Select(a => a.Id), data.Group(group));
        Assert.Equal(data.Group(StudyGroups.MriTraining), data.TrainingAnimals);
        Assert.Equal(Mrh.Data.Protocol.Ogse42().Count, data.ProtocolOf(data.Group(StudyGroups.Sas4)[0]).Count);
        Assert.Equal(67, data.ProtocolOf(data.Group(StudyGroups.Shiverer)[0]).Count);
        // the single MBP animal has MBP histology and nothing else
        string mbp = data.Group(StudyGroups.MyelinBasicProtein)[0];
        var e = Assert.Throws<MrhException>(() => data.Histology(mbp, "NF"));
        Assert.Contains("no NF histology", e.Message);
        Assert.Throws<MrhException>(() => data.ProtocolOf(mbp));
        Assert.False(data.HasGroup("no-such-group"));
        Assert.Contains("no-such-group", Assert.Throws<MrhException>(() => data.Group("no-such-group")).Message);
    }
}
