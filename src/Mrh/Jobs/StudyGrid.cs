using Mrh.Experiments;
using Mrh.Model;
using Mrh.Presets;

namespace Mrh.Jobs;

/// <summary>
/// Every network the figure notebooks train at a preset, as independent training units, in notebook order:
/// the tour (notebook 00), Fig. 1 (01), Fig. 2 (02), Fig. 3 (03), Fig. 4 (04) and the supplementary figures (05).
/// The units are the experiments' own declarations (their <c>Units</c>), with the data and settings the notebooks
/// use; units whose networks are the same (the same key: e.g. the standard MRH-AF network is Fig. 1 case ii, the
/// base of Fig. 3 and the first network of Fig. 2) are listed once, under the first unit's id. Training a unit
/// (<see cref="Train"/>) stores its network in the cache, where the notebooks then find it.
/// </summary>
public sealed class StudyGrid
{
    /// <summary>The figure names, in notebook order (what <c>--only</c> selects).</summary>
    public static readonly IReadOnlyList<string> Figures = ["tour", "fig1", "fig2", "fig3", "fig4", "supp"];

    readonly string _dataset;
    StudyData? _data, _ogse;

    /// <param name="networkCache">The cache folder (null: $MRH_CACHE or the default; see <see cref="NetworkCache.Open"/>).</param>
    /// <param name="retrain">Train every unit even when the cache has its network.</param>
    /// <param name="device">Where the units train (part of every network's key, as in the notebooks' <c>device</c> parameter).</param>
    public StudyGrid(Preset preset, string dataset = "", string? networkCache = null, bool retrain = false, ComputeDevice device = ComputeDevice.Cpu)
    {
        Preset = preset;
        _dataset = dataset ?? "";
        Settings = ExperimentSettings.For(preset).OnDevice(device) with { NetworkCache = networkCache, Retrain = retrain };
    }

    public Preset Preset { get; }
    /// <summary>The settings of the figure notebooks (01-05) at this preset.</summary>
    public ExperimentSettings Settings { get; }
    /// <summary>The settings of the tour (notebook 00 trains a smoke-sized network at every preset).</summary>
    public ExperimentSettings TourSettings => ExperimentSettings.For(Preset.Smoke).OnDevice(Settings.Device) with { NetworkCache = Settings.NetworkCache, Retrain = Settings.Retrain };

    StudyData Data => _data ??= StudyData.Open(Preset.Name(), _dataset);
    StudyData OgseData => _ogse ??= StudyData.OpenOgse(Preset.Name(), _dataset);

    /// <summary>A planned unit: its place in the plan (the array index), the unit and the ids of units with the same network.</summary>
    public sealed record PlannedUnit(int Index, TrainingUnit Unit, IReadOnlyList<string> SameAs);

    /// <summary>
    /// The units of the figures in <paramref name="only"/> (all when empty), each network once; a clear error for
    /// an unknown figure name.
    /// </summary>
    public IReadOnlyList<PlannedUnit> Plan(IReadOnlyCollection<string>? only = null)
    {
        var figures = Select(only);
        var units = new List<(TrainingUnit Unit, List<string> SameAs)>();
        foreach (var figure in figures)
            foreach (var unit in UnitsOf(figure))
            {
                var same = unit.Key is { } key ? units.FirstOrDefault(u => u.Unit.Key == key) : default;
                if (same.Unit is not null) same.SameAs.Add(unit.Id);
                else units.Add((unit, []));
            }
        return units.Select((u, i) => new PlannedUnit(i, u.Unit, u.SameAs)).ToArray();
    }

    /// <summary>
    /// Trains (or finds in the cache) the network of the unit with this id (or an id it stands for), as its
    /// notebook does, and stores it in the cache; returns the planned unit.
    /// </summary>
    public PlannedUnit Train(string id, IProgress<EpochReport>? progress = null)
    {
        var planned = Plan().FirstOrDefault(p => p.Unit.Id == id || p.SameAs.Contains(id))
            ?? throw new MrhException($"no training unit '{id}' at the {Preset.Name()} preset (see mrh jobs plan --preset {Preset.Name()})");
        var unit = planned.Unit;
        TrainedModel trained = unit.Figure switch
        {
            "tour" => new TrainingSizeExperiment(Data, TourSettings).Train(TrainingSizeExperiment.Tour(Data), progress),
            "fig1" => TrainFig1(unit.Id, progress),
            "fig2" => new ContributionExperiment(Data, Settings).TrainUnit(unit.Id, progress),
            "fig3" => new TransferExperiment(Data, Settings).TrainUnit(unit.Id, progress),
            "fig4" => TrainFig4(unit.Id, progress),
            "supp" => TrainSupplementary(unit.Id, progress),
            _ => throw new MrhException($"unknown figure '{unit.Figure}'"),
        };
        trained.Model.Dispose();
        return planned;
    }

    /// <summary>The unit at a place in the plan of <paramref name="only"/> (a Slurm array task's index).</summary>
    public PlannedUnit At(int index, IReadOnlyCollection<string>? only = null)
    {
        var plan = Plan(only);
        if (index < 0 || index >= plan.Count) throw new MrhException($"array index {index} is outside the plan's 0..{plan.Count - 1}");
        return plan[index];
    }

    IReadOnlyList<TrainingUnit> UnitsOf(string figure) => figure switch
    {
        "tour" => [new TrainingUnit("tour", "tour", "the tour's small network",
            new TrainingSizeExperiment(Data, TourSettings).Recipe(TrainingSizeExperiment.Tour(Data)))],
        "fig1" => new TrainingSizeExperiment(Data, Settings).Units(),
        "fig2" => new ContributionExperiment(Data, Settings).Units(),
        "fig3" => new TransferExperiment(Data, Settings).Units(),
        "fig4" => NisslExperiment.Units(OgseData, Settings),
        "supp" => new MisregistrationExperiment(Data, Settings).Units(),
        _ => throw new MrhException($"unknown figure '{figure}' (figures: {string.Join(", ", Figures)})"),
    };

    TrainedModel TrainFig1(string id, IProgress<EpochReport>? progress)
    {
        var fig1 = new TrainingSizeExperiment(Data, Settings);
        if (id == TrainingSizeExperiment.PerVoxelUnit) return fig1.TrainPerVoxel(progress);
        var c = fig1.Cases().FirstOrDefault(c => fig1.UnitId(c) == id) ?? throw new MrhException($"Fig. 1 has no training unit '{id}'");
        return fig1.Train(c, progress);
    }

    TrainedModel TrainFig4(string id, IProgress<EpochReport>? progress)
    {
        var fig4 = new NisslExperiment(OgseData, Settings);
        var inputs = fig4.InputSets.FirstOrDefault(i => NisslExperiment.UnitId(i) == id) ?? throw new MrhException($"Fig. 4 has no training unit '{id}'");
        return fig4.Train(inputs, progress);
    }

    TrainedModel TrainSupplementary(string id, IProgress<EpochReport>? progress)
    {
        var supp = new MisregistrationExperiment(Data, Settings);
        var c = supp.MisregistrationCases().Concat(supp.PatchSizeCases()).FirstOrDefault(c => MisregistrationExperiment.UnitId(c) == id)
            ?? throw new MrhException($"the supplementary figures have no training unit '{id}'");
        // sizes other than 3 x 3 train on the Conv2d reference path, with the notebook's thread setting
        using var threads = TorchThreads.Use(c.PatchSize == 3 ? null : Settings.ReferencePathThreads);
        return supp.Train(c, progress);
    }

    static IReadOnlyList<string> Select(IReadOnlyCollection<string>? only)
    {
        var names = (only ?? []).SelectMany(o => o.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(o => o.ToLowerInvariant()).ToList();
        foreach (var n in names)
            if (!Figures.Contains(n)) throw new MrhException($"unknown figure '{n}' (figures: {string.Join(", ", Figures)})");
        return names.Count == 0 ? Figures : Figures.Where(names.Contains).ToArray();
    }
}
