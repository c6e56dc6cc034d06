using Mrh.Cli.Framework;
using Mrh.Contrasts;
using Mrh.Data;
using Mrh.Experiments;
using Mrh.Presets;

namespace Mrh.Cli.Commands;

/// <summary>`mrh contrast`: is a new MRI contrast worth its scan time for a stain (the package's third use)?</summary>
public sealed class ContrastCommand : CliCommand
{
    public override string Name => "contrast";
    public override string Summary => "judge a new MRI contrast for a stain: added value, where, rank, and the best protocol for a scan time";
    public override string Details =>
        """
        Trains the MRH network without and with the candidate(s) (same seeds, animals and patches; a few repeats) on the
        MRI training animals and scores both on the held-out animals against the stain: AUC, R² and RMSE with a paired
        t-test over the repeats and a bootstrap interval; the gain per brain region; the candidate's rank among all inputs
        by Fig. 2's noise perturbation (sensitivity) and by permutation importance on the held-out animals (usefulness;
        a noise control should rank last there); and, for a scan-time budget, the inputs with the best contribution per minute,
        retrained to confirm, with the curve of quality against scan time.
        Candidates (--add, repeatable): on the built-in digital mouse brain T1, MWF, QSM, T2star, DWI-b8000 (forward models,
        docs/contrasts.md), noise (negative control), oracle (the stain's own image, positive control); with --dataset a
        map of the manifest (one line: "maps": {"MWF": "mwf/{id}.nii.gz"}); or a volume file in the data's space ({id} = animal).
        Example: mrh contrast --preset smoke --add MWF --target MBP --budget 300
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("add", "a candidate contrast: a name or a volume file ({id} = animal); repeatable", ValueName: "NAME|FILE", Repeatable: true),
        new("target", "the stain: AF, NF, MBP (default) or Nissl", ValueName: "STAIN"),
        new("budget", "scan-time budget in minutes (default: the protocol's time without the candidates)", ValueName: "MINUTES"),
        new("minutes", "scan time of a file or manifest candidate (default 30)", ValueName: "MINUTES"),
        new("dataset", "a dataset manifest (default: the built-in digital mouse brain)", ValueName: "DIR"),
        new("preset", "smoke, quick (default) or paper: phantom size and training sizes", ValueName: "NAME"),
        new("seed", "random seed of the study and the networks (default 1)", ValueName: "N"),
        new("json", "print the result as JSON", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var adds = args.GetAll("add");
        if (adds.Count == 0) throw new UsageException("name at least one candidate with --add (e.g. --add MWF)");
        var preset = PresetNames.Parse(args.Get("preset") ?? "quick");
        int seed = args.GetInt("seed", 1, 0);
        string stain = args.Get("target") ?? "MBP";
        double minutes = args.GetDouble("minutes", 30, 0.01, 100_000);
        double? budget = args.Has("budget") ? args.GetDouble("budget", 0, 0.01, 1_000_000) : null;
        string? dataset = args.Get("dataset");
        ContrastData data = string.IsNullOrWhiteSpace(dataset)
            ? new PhantomContrastData(Phantom.PhantomStudy.For(preset, (ulong)seed), stain)
            : new DatasetContrastData(Dataset.Load(dataset), stain);
        var candidates = adds.Select(a => data.Candidate(a, minutes, seed)).ToArray();
        var settings = ExperimentSettings.For(preset) with { Seed = seed };
        var experiment = new ContrastExperiment(data, candidates, settings);
        var report = experiment.Run(budget, new Status(context));
        if (args.Flag("json"))
        {
            context.Out.WriteLine(Json.Serialize(report));
            return CommandLine.Ok;
        }
        Print(report, context.Out);
        return CommandLine.Ok;
    }

    static void Print(ContrastReport r, TextWriter o)
    {
        o.WriteLine($"{string.Join(" + ", r.Candidates.Select(c => $"{c.Name} ({c.ScanMinutes:0} min)"))} for {r.Stain} on {r.Data}");
        o.WriteLine($"added value ({r.AddedValue.With.Count} paired {(r.AddedValue.With[0].Unit.StartsWith("repeat", StringComparison.Ordinal) ? "training repeats" : "held-out animals")}):");
        foreach (var g in new[] { r.AddedValue.RSquared, r.AddedValue.Auc, r.AddedValue.Rmse })
            o.WriteLine($"  {g.Metric,-5} {g.Without,8:0.0000} -> {g.With,8:0.0000}  gain {g.Gain,8:+0.0000;-0.0000;0.0000}  p {g.PValue:0.000}  95% CI [{g.Interval.Low:+0.0000;-0.0000}, {g.Interval.High:+0.0000;-0.0000}]");
        o.WriteLine($"  verdict (R²): {(r.AddedValue.IsSignificant ? "a significant gain" : "no significant gain")}");
        if (r.Regions.Count > 0)
        {
            o.WriteLine("RMSE by region (without -> with):");
            foreach (var g in r.Regions) o.WriteLine($"  {g.Region,-14} {g.RmseWithout:0.0000} -> {g.RmseWith:0.0000}  ({g.RelativeGain:+0.0%;-0.0%;0.0%})");
        }
        o.WriteLine($"rank among {r.Inputs.Count} inputs (perturbation: how much the output moves; usefulness: how much the error grows when the input is shuffled):");
        foreach (var c in r.CandidateRanks)
        {
            var u = r.Usefulness?.FirstOrDefault(i => i.Name == c.Name);
            o.WriteLine($"  {c.Name,-10} perturbation rank {c.Rank,3}  share {c.Share:P2}  per minute {c.SharePerMinute:P3}"
                        + (u is null ? "" : $"  | usefulness rank {u.Rank,3}  error {u.RelativeIncrease:+0.00%;-0.00%;0%}"));
        }
        if (r.NoiseRanks is { } n)
        {
            o.WriteLine($"  noise control: usefulness rank {n.Usefulness.Rank} of {n.Count} ({(n.Usefulness.Rank == n.Count ? "last, as it should" : "not last")}), perturbation rank {n.Perturbation.Rank}"
                        + (n.Below is { Count: > 0 } b ? $"; below it: {string.Join(", ", b.Take(5).Select(x => x.Name))}{(b.Count > 5 ? $" and {b.Count - 5} more" : "")}" : ""));
            if (n.AmongAcquisitions is { } a)
                o.WriteLine($"  noise control among acquisitions (each one's images shuffled together): rank {a.Rank} of {n.Acquisitions!.Count} ({(a.Rank == n.Acquisitions.Count ? "last" : "not last")}): "
                            + string.Join(", ", n.Acquisitions.OrderBy(x => x.Rank).Select(x => $"{x.Name} {x.RelativeIncrease:+0.0%;-0.0%;0%}")));
        }
        o.WriteLine($"quality vs scan time (budget {r.BudgetMinutes:0} min marked *):");
        foreach (var p in r.Curve)
            o.WriteLine($"  {(p.BudgetMinutes == r.BudgetMinutes ? "*" : " ")} {p.BudgetMinutes,6:0} min: {p.Count,3} inputs, {p.Minutes,6:0} min, share {p.Share:P0}  R² {p.RSquared:0.000}  AUC {p.Auc:0.000}  RMSE {p.Rmse:0.0000}"
                        + (p.Inputs.Intersect(r.Candidates.Select(c => c.Name)).Any() ? $"  (with {string.Join(", ", p.Inputs.Intersect(r.Candidates.Select(c => c.Name)))})" : ""));
    }

    sealed class Status(CliContext context) : IProgress<string>
    {
        public void Report(string value) => context.Error.WriteLine($"mrh contrast: {value}");
    }
}
