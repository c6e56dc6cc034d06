using Mrh.Analysis;
using Mrh.Cli.Framework;
using Mrh.Model;

namespace Mrh.Cli.Commands;

/// <summary>`mrh contrib`: the relative contribution of each input image to a trained network (Fig. 2A).</summary>
public sealed class ContribCommand : CliCommand
{
    public override string Name => "contrib";
    public override string Summary => "rank the input images by their contribution to a trained network (noise perturbation)";
    public override string Details =>
        """
        Draws random patches inside the subject's brain mask, adds Rician noise (default 10% of each image's mean
        signal) to one input image at a time, and measures the RMSE of the network's output against its noise-free
        output, repeated and normalised so that the contributions sum to 100%. Prints the images in descending
        order with the cumulative contribution and how many images reach 28%, 50% and 75%.
        Either --dataset DIR --subject ID, or --mri FILE (channels in the model's order) with an optional --mask FILE.
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("model", "a trained model folder (from mrh train)", ValueName: "DIR"),
        new("dataset", "a dataset manifest (folder or dataset.json)", ValueName: "DIR"),
        new("subject", "the subject of the dataset", ValueName: "ID"),
        new("mri", "instead of a dataset: a 4D MRI volume in the model's channel order", ValueName: "FILE"),
        new("mask", "with --mri: brain mask (non-zero inside)", ValueName: "FILE"),
        new("patches", "random patches in the mask (default 2000)", ValueName: "N"),
        new("repeats", "noise draws per image (default 5)", ValueName: "N"),
        new("noise", "noise level as a fraction of each image's mean signal (default 0.1)", ValueName: "F"),
        new("seed", "random seed (default 0)", ValueName: "N"),
        ModelCliParsing.DeviceOption,
        ModelCliParsing.PrecisionOption,
        new("json", "print the result as JSON", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        string modelDir = args.Require("model");
        ModelInputs.CheckOptions(args);
        int patches = args.GetInt("patches", 2000, 10, 1_000_000);
        var options = new ContributionOptions(args.GetDouble("noise", 0.1, 1e-6, 10), args.GetInt("repeats", 5, 1, 1000), args.GetInt("seed", 0, 0));
        var inference = new InferenceOptions { Device = ModelCliParsing.Device(args, context), Precision = ModelCliParsing.Precision(args) };
        using var model = ModelCheckpoint.Load(modelDir);
        var (inputs, mask, _) = ModelInputs.Load(args, model);
        ContributionResult result;
        using (var bar = context.Progress("contributions", (long)inputs.ChannelCount * options.Repeats))
            result = ChannelContributions.Compute(model, inputs, mask, patches, options, new IntProgress(bar), inference);
        var all = result.All;
        var order = all.Ranking();
        var cumulative = all.Cumulative();
        var reach = all.ImagesToReach(0.28, 0.5, 0.75);
        var rows = order.Select((c, r) => new Row(r + 1, model.ChannelNames[c], all.Contributions[c], all.StandardDeviations[c], cumulative[r])).ToList();
        if (args.Flag("json"))
        {
            context.Out.WriteLine(Json.Serialize(new Report(modelDir, all.Patches, options.NoiseLevel, options.Repeats, rows,
                new Dictionary<string, int> { ["28%"] = reach[0], ["50%"] = reach[1], ["75%"] = reach[2] })));
            return CommandLine.Ok;
        }
        context.Out.WriteLine($"contributions of {rows.Count} images to {model.TargetName} ({all.Patches} patches, noise {options.NoiseLevel:P0}, {options.Repeats} repeats)");
        context.Out.WriteLine("rank  image                 share     sd   cumulative");
        foreach (var r in rows)
            context.Out.WriteLine($"{r.Rank,4}  {r.Image,-20} {r.Share * 100,6:0.00}% {r.Sd * 100,5:0.00}%  {r.Cumulative * 100,6:0.0}%");
        context.Out.WriteLine($"images to reach 28% / 50% / 75% of the total: {reach[0]} / {reach[1]} / {reach[2]}");
        return CommandLine.Ok;
    }

    sealed record Row(int Rank, string Image, double Share, double Sd, double Cumulative);
    sealed record Report(string Model, int Patches, double Noise, int Repeats, IReadOnlyList<Row> Images, IReadOnlyDictionary<string, int> ImagesToReach);

    sealed class IntProgress(IProgress<long> inner) : IProgress<int>
    {
        public void Report(int value) => inner.Report(value);
    }
}
