using System.Globalization;
using Mrh.Cli.Framework;
using Mrh.Model;

namespace Mrh.Cli.Commands;

/// <summary>`mrh model info`: the layers and parameter count of a model folder or of an architecture.</summary>
public sealed class ModelInfoCommand : CliCommand
{
    public override string Name => "model info";
    public override string Summary => "show a network's layers and parameter count (a model folder or --channels/--blocks/--width)";
    public override string Arguments => "[MODEL_DIR]";
    public override int MaxPositional => 1;
    public override string Details =>
        """
        example: mrh model info --channels 67 --blocks 30 --width 64   (the paper's MRH-AF: 2,402,625 parameters)
                 mrh model info models/af --json
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("channels", "input channels (default 67)", ValueName: "C"),
        new("blocks", "residual blocks (default 30)", ValueName: "N"),
        new("width", "filters per convolution (default 64)", ValueName: "W"),
        new("json", "print as JSON", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        ModelMetadata? meta = null;
        NetworkConfig config;
        if (args.Positional.Count == 1)
        {
            if (args.Has("channels") || args.Has("blocks") || args.Has("width"))
                throw new UsageException("give a model folder or --channels/--blocks/--width, not both");
            string dir = args.Positional[0];
            string path = File.Exists(dir) ? dir : Path.Combine(dir, ModelCheckpoint.MetadataFile);
            if (!Directory.Exists(dir) && !File.Exists(dir)) throw new MrhException($"{dir}: no such model folder");
            if (!File.Exists(path)) throw new MrhException($"{dir}: not a model folder (no {ModelCheckpoint.MetadataFile})");
            meta = ModelCheckpoint.ReadMetadata(path);
            config = meta.Network;
        }
        else
        {
            config = new NetworkConfig(args.GetInt("channels", 67, 1, 100_000), args.GetInt("blocks", 30, 0, 1000), args.GetInt("width", 64, 1, 4096));
        }
        var layers = MrhNetwork.Describe(config);
        if (args.Flag("json"))
        {
            context.Out.WriteLine(Json.Serialize(new
            {
                architecture = "V3Res", config.InputChannels, config.Blocks, config.Width, kernel = NetworkConfig.Kernel,
                convolutions = layers.Count, parameterCount = config.ParameterCount, layers,
                target = meta?.TargetName, channelNames = meta?.ChannelNames, patchSize = meta?.PatchSize, plane = meta?.Plane,
                normalization = meta?.Normalization.Kind, bestEpoch = meta?.Result?.BestEpoch,
                bestValidationLoss = meta?.Result?.BestValidationLoss, transfer = meta?.Transfer, provenance = meta?.Provenance,
                seed = meta?.Seed, versions = meta?.Versions,
            }));
            return CommandLine.Ok;
        }
        var w = context.Out;
        w.WriteLine($"V3Res: {config.InputChannels} input channels, {config.Blocks} residual blocks, width {config.Width}, 3x3 'same' convolutions");
        w.WriteLine("layer      in -> out   parameters");
        foreach (var l in layers)
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{l.Name,-9} {l.InputChannels,4} -> {l.OutputChannels,-4} {l.Parameters,11:N0}"));
        w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{layers.Count} convolutions, {config.ParameterCount:N0} parameters"));
        if (meta != null)
        {
            w.WriteLine($"target     {meta.TargetName} ({meta.PatchSize}x{meta.PatchSize} {meta.Plane.Name()} patches, {meta.Normalization.Kind} normalisation)");
            w.WriteLine($"channels   {string.Join(", ", meta.ChannelNames)}");
            if (meta.Result is { } r)
                w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"training   {r.History.Count} epochs ({r.StopReason}), best epoch {r.BestEpoch}, validation loss {r.BestValidationLoss:0.00000}, {r.TrainCount:N0} + {r.ValidationCount:N0} patches"));
            if (meta.Transfer is { } t)
                w.WriteLine($"transfer   from {t.BaseTarget} ({t.BaseModel ?? "?"}), re-initialised {string.Join(", ", t.ReinitializedLayers)}, {t.Options.Mode}");
            if (meta.Provenance is { } p)
                w.WriteLine($"data       {p.Dataset ?? "?"}: {string.Join(", ", p.Subjects)} ({p.Sampler} sampler)");
            w.WriteLine($"seed       {meta.Seed}");
        }
        return CommandLine.Ok;
    }
}
