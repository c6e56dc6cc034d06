using Mrh.Cli.Framework;
using Mrh.Imaging;
using Mrh.IO;

namespace Mrh.Cli.Commands;

/// <summary>`mrh volume convert IN OUT [--type T]`: any readable volume to NIfTI.</summary>
public sealed class VolumeConvertCommand : CliCommand
{
    public override string Name => "volume convert";
    public override string Summary => "convert a NIfTI, Analyze, NRRD or .mrhv (phantom) volume to NIfTI (.nii or .nii.gz)";
    public override string Arguments => "IN OUT";
    public override int MaxPositional => 2;
    public override string Details =>
        "OUT ends in .nii or .nii.gz (an OUT ending in .hdr/.img writes an Analyze 7.5 pair). The data type\n" +
        "is the input's stored type when its values are unscaled, float32 otherwise, unless --type says.\n" +
        "Integer output stores integer values exactly and other values with a linear scaling\n" +
        "(scl_slope/scl_inter). The output is written atomically; on any error nothing is written.\n" +
        "example: mrh volume convert rigidaffine_Lddm_dwi2000.img dwi2000.nii.gz";
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("type", "output data type: uint8, int8, int16, uint16, int32, float32, float64", ValueName: "TYPE"),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        if (args.Positional.Count < 2) throw new UsageException("expected IN and OUT");
        string input = args.Positional[0], output = args.Positional[1];
        OutputPaths.Check([new InputSpec("IN", input)], OutputSpec.File("OUT", output, OutputPaths.VolumeExtensions));
        VolumeDataType? type = args.Get("type") is { } t ? ParseType(t) : null;
        var (volume, info) = VolumeFile.ReadWithInfo(input);
        var chosen = type ?? (info.Unscaled && info.StoredType is { } stored ? stored : VolumeDataType.Float32);
        VolumeFile.Write(volume, output, chosen);
        context.Out.WriteLine($"wrote {output} ({volume.NX} x {volume.NY} x {volume.NZ}{(volume.ChannelCount > 1 ? $" x {volume.ChannelCount}" : "")}, {chosen.ToString().ToLowerInvariant()})");
        return CommandLine.Ok;
    }

    static VolumeDataType ParseType(string s) => s.ToLowerInvariant() switch
    {
        "uint8" => VolumeDataType.UInt8,
        "int8" => VolumeDataType.Int8,
        "int16" => VolumeDataType.Int16,
        "uint16" => VolumeDataType.UInt16,
        "int32" => VolumeDataType.Int32,
        "float32" or "float" => VolumeDataType.Float32,
        "float64" or "double" => VolumeDataType.Float64,
        _ => throw new UsageException($"--type must be uint8, int8, int16, uint16, int32, float32 or float64, got '{s}'"),
    };
}
