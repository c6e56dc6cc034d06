using Mrh.Experiments;
using Mrh.Jobs;
using Mrh.Model;
using Mrh.Presets;

namespace Mrh.Tests.Jobs;

public sealed class StudyGridTests
{
    [Fact]
    public void TheSmokePlanListsEveryNetworkOnceWithStableIds()
    {
        var plan = new StudyGrid(Preset.Smoke, networkCache: "off").Plan();
        Assert.Equal(
            ["tour", "fig1-i", "fig1-ii", "fig1-iii-r1", "fig1-iii-r2", "fig1-iv", "fig1-v", "fig1-baseline-k1", "fig2-top4", "fig2-top17", "fig2-top38",
             "fig3-nf", "fig3-mbp", "fig3-nf-k1", "fig3-mbp-k1", "fig4-pgse", "fig4-ogse", "fig4-both", "supp-d2"],
            plan.Select(p => p.Unit.Id));
        Assert.Equal(Enumerable.Range(0, plan.Count), plan.Select(p => p.Index));
        // the standard MRH-AF network: Fig. 1 case ii, Fig. 2's first network, Fig. 3's base, the supplementary 3x3 networks
        Assert.Equal(["fig2-standard", "fig3-af", "supp-d0", "supp-k3"], plan.Single(p => p.Unit.Id == "fig1-ii").SameAs);
        // the 1x1 baseline network: Fig. 3's base of the 1x1 baselines and, at smoke (same patch count), the supplement's 1x1 network
        Assert.Equal(["fig3-af-k1", "supp-k1"], plan.Single(p => p.Unit.Id == "fig1-baseline-k1").SameAs);
        Assert.All(plan.Where(p => p.Unit.Figure == "fig2"), p => Assert.Equal(["fig2-standard"], p.Unit.DependsOn));
        var keys = plan.Select(p => p.Unit.Key).OfType<string>().ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        // the same plan twice: the same ids and keys
        Assert.Equal(keys, new StudyGrid(Preset.Smoke, networkCache: "off").Plan().Select(p => p.Unit.Key).OfType<string>());
    }

    [Fact]
    public void OnlySelectsFiguresAndRejectsUnknownNames()
    {
        var grid = new StudyGrid(Preset.Smoke, networkCache: "off");
        var fig2 = grid.Plan(["fig2"]);
        Assert.Equal(["fig2-standard", "fig2-top4", "fig2-top17", "fig2-top38"], fig2.Select(p => p.Unit.Id));
        Assert.Equal(["fig3-af", "fig3-nf", "fig3-mbp", "fig3-af-k1", "fig3-nf-k1", "fig3-mbp-k1", "fig4-pgse", "fig4-ogse", "fig4-both"],
            grid.Plan(["fig3,fig4"]).Select(p => p.Unit.Id));
        Assert.Contains("fig9", Assert.Throws<MrhException>(() => grid.Plan(["fig9"])).Message);
        Assert.Contains("outside", Assert.Throws<MrhException>(() => grid.At(4, ["fig2"])).Message);
        Assert.Equal("fig2-top38", grid.At(3, ["fig2"]).Unit.Id);
        Assert.Contains("no training unit", Assert.Throws<MrhException>(() => grid.Train("fig1-vi")).Message);
    }

    [Fact]
    public void TheSlurmScriptRunsOneArrayTaskPerUnit()
    {
        var script = SlurmScript.Create(new SlurmScriptOptions
        {
            Preset = Preset.Paper, Units = 40, Mrh = "/opt/mrh/mrh", CacheFolder = "/shared/cache dir", LogFolder = "/shared/logs",
            WorkingFolder = "/shared/repo", Only = ["fig1", "fig2"], Gpus = 1, Partition = "gpu", MaxParallel = 8,
        });
        var lines = script.Split('\n');
        Assert.Equal("#!/bin/bash", lines[0]);
        Assert.Contains("#SBATCH --array=0-39%8", lines);
        Assert.Contains("#SBATCH --output=/shared/logs/grid-%A_%a.out", lines);
        Assert.Contains("#SBATCH --gpus=1", lines);
        Assert.Contains("#SBATCH --partition=gpu", lines);
        Assert.Contains("#SBATCH --chdir=/shared/repo", lines);
        Assert.Contains("export MRH_CACHE='/shared/cache dir'", lines);
        Assert.Contains("exec /opt/mrh/mrh jobs run --array-index \"$SLURM_ARRAY_TASK_ID\" --preset paper --only fig1,fig2", lines);
        // every #SBATCH line comes before the first command (sbatch stops reading them there)
        int firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        Assert.DoesNotContain(lines.Skip(firstCommand), l => l.StartsWith("#SBATCH", StringComparison.Ordinal));
        // tasks on GPUs train with --device cuda (the device is part of every network's cache key)
        var onGpu = SlurmScript.Create(new SlurmScriptOptions
        {
            Preset = Preset.Paper, Units = 2, Mrh = "mrh", CacheFolder = "/c", LogFolder = "/l", WorkingFolder = "/w", Gpus = 1, Device = "cuda",
        });
        Assert.Contains("exec mrh jobs run --array-index \"$SLURM_ARRAY_TASK_ID\" --preset paper --device cuda", onGpu.Split('\n'));
        Assert.Throws<MrhException>(() => SlurmScript.Create(new SlurmScriptOptions
        {
            Preset = Preset.Smoke, Units = 0, Mrh = "mrh", CacheFolder = "/c", LogFolder = "/l", WorkingFolder = "/w",
        }));
    }
}

/// <summary>
/// The plan is what the notebooks train: after every planned unit of the smoke preset is trained into a cache
/// (as the array tasks do), the notebooks' training steps find every network there and train nothing.
/// </summary>
[Collection(Mrh.Tests.Model.TorchCollection.Name)]
public sealed class StudyGridCoverageTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-grid-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void AfterEveryPlannedUnitTheNotebooksStepsTrainNothing()
    {
        var grid = new StudyGrid(Preset.Smoke, networkCache: _dir);
        var plan = grid.Plan();
        foreach (var p in plan) grid.Train(p.Unit.Id);
        var cache = new NetworkCache(_dir);
        var afterJobs = cache.Statistics();
        Assert.Equal(plan.Count, afterJobs.Trained); // each unit trained once (Fig. 2's subsets found the standard network)
        Assert.Equal(plan.Count, cache.List().Count);

        // the training steps of notebooks 00-05, as the notebooks call them
        var settings = ExperimentSettings.For(Preset.Smoke) with { NetworkCache = _dir };
        var data = StudyData.Open("smoke");
        var tour = new TrainingSizeExperiment(data, ExperimentSettings.For(Preset.Smoke) with { NetworkCache = _dir });
        tour.Train(TrainingSizeExperiment.Tour(data)).Model.Dispose();
        var fig1 = new TrainingSizeExperiment(data, settings);
        foreach (var c in fig1.Cases()) fig1.Train(c).Model.Dispose();
        fig1.TrainPerVoxel().Model.Dispose();
        var fig2 = new ContributionExperiment(data, settings);
        using (var standard = fig2.TrainStandard().Model)
            foreach (var s in fig2.Subsets(fig2.Contributions(standard).All.Contributions).Where(s => s.Count < data.Protocol.Count))
                MrhAf.Train(fig2.Evaluation, s.Channels, unit: ContributionExperiment.UnitId(s)).Model.Dispose();
        var fig3 = new TransferExperiment(data, settings).Train();
        fig3.Of("AF").Model.Dispose(); fig3.Of("NF").Model.Dispose(); fig3.Of("MBP").Model.Dispose();
        foreach (var m in new TransferExperiment(data, settings).TrainBaselines().Values.SelectMany(b => b)) m.Network?.Model.Dispose();
        var fig4 = new NisslExperiment(StudyData.OpenOgse("smoke"), settings);
        foreach (var i in fig4.InputSets) fig4.Train(i).Model.Dispose();
        var supp = new MisregistrationExperiment(data, settings);
        foreach (var c in supp.MisregistrationCases().Concat(supp.PatchSizeCases())) supp.Train(c).Model.Dispose();

        var after = cache.Statistics();
        Assert.Equal(afterJobs.Trained, after.Trained);
        Assert.True(after.Hits > afterJobs.Hits);
    }
}
