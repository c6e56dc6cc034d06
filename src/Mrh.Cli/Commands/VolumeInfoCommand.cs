using System.Diagnostics;
using System.Globalization;
using Mrh.Cli.Framework;
using Mrh.Imaging;

namespace Mrh.Cli.Commands;

/// <summary>`mrh volume info PATH [--json] [--time]`: what a volume file holds.</summary>
public sealed class VolumeInfoCommand : CliCommand
{
    public override string Name => "volume info";
    public override string Summary => "print dims, spacing, data type and value statistics of a volume file";
    public override string Arguments => "PATH";
    public override int MaxPositional => 1;
    public override string Details =>
        "Reads NIfTI-1 (.nii, .nii.gz, .hdr/.img), Analyze 7.5 (.hdr/.img), NRRD (.nrrd, .nhdr) and the phantom's .mrhv files.\n" +
        "Statistics (min, max, mean, sum) are over the scaled values (scl_slope/scl_inter applied) of all\n" +
        "channels; NaN and infinite values are counted, not summed.\n" +
        "--time also reports how long the read took; without PATH it runs the read benchmark (a\n" +
        "200x280x128 uint8 Analyze volume and a 67-channel 100x64x128 float32 NIfTI, written to a temporary\n" +
        "folder and read back).";
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("json", "print the facts as JSON", false),
        new("time", "time the read (without PATH: run the read benchmark)", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        bool json = args.Flag("json"), time = args.Flag("time");
        if (args.Positional.Count == 0)
        {
            if (!time) throw new UsageException("missing PATH (a volume file)");
            return Benchmark(context, json);
        }
        string path = args.Positional[0];
        var sw = Stopwatch.StartNew();
        var (volume, info) = VolumeFile.ReadWithInfo(path);
        double seconds = sw.Elapsed.TotalSeconds;
        var stats = VolumeStatistics.Of(volume);
        if (json)
        {
            context.Out.WriteLine(Json.Serialize(new
            {
                file = info.Path,
                format = info.Format,
                dims = info.Dims,
                channels = info.Channels,
                spacingMm = info.Spacing,
                dataType = info.DataType,
                byteOrder = info.BigEndian ? "big-endian" : "little-endian",
                scaleSlope = info.ScaleSlope,
                scaleIntercept = info.ScaleIntercept,
                affine = info.Affine,
                affineSource = info.AffineSource,
                dataFile = info.DataFile,
                dataBytes = info.DataBytes,
                min = stats.Min,
                max = stats.Max,
                mean = stats.Mean,
                sum = stats.Sum,
                finiteValues = stats.Count,
                nonFiniteValues = stats.NonFinite,
                perChannel = info.Channels > 1
                    ? VolumeStatistics.PerChannel(volume).Select(s => new { min = s.Min, max = s.Max, mean = s.Mean, sum = s.Sum }).ToArray()
                    : null,
                readSeconds = time ? seconds : (double?)null,
            }));
            return CommandLine.Ok;
        }
        var w = context.Out;
        w.WriteLine($"file        {info.Path}");
        w.WriteLine($"format      {info.Format}{(info.DataFile != Path.GetFullPath(info.Path) && info.DataFile != info.Path ? $" (voxels in {info.DataFile})" : "")}");
        w.WriteLine($"dims        {info.Dims[0]} x {info.Dims[1]} x {info.Dims[2]}{(info.Channels > 1 ? $" x {info.Channels} channels" : "")}");
        w.WriteLine($"spacing     {N(info.Spacing[0])} x {N(info.Spacing[1])} x {N(info.Spacing[2])} mm");
        w.WriteLine($"data type   {info.DataType} ({(info.BigEndian ? "big" : "little")}-endian)");
        w.WriteLine($"scaling     {(info.Unscaled ? "none" : $"value = stored * {N(info.ScaleSlope)} + {N(info.ScaleIntercept)}")}");
        for (int r = 0; r < 3; r++)
            w.WriteLine($"{(r == 0 ? "affine" : ""),-12}[{string.Join(", ", Enumerable.Range(0, 4).Select(c => N(info.Affine[r * 4 + c])))}]{(r == 0 ? $"  ({info.AffineSource})" : "")}");
        w.WriteLine($"min         {N(stats.Min)}");
        w.WriteLine($"max         {N(stats.Max)}");
        w.WriteLine($"mean        {N(stats.Mean)}");
        w.WriteLine($"sum         {N(stats.Sum)}");
        if (stats.NonFinite > 0) w.WriteLine($"non-finite  {stats.NonFinite:N0} values (NaN or infinite)");
        if (time) w.WriteLine($"read time   {seconds * 1000:0.0} ms");
        return CommandLine.Ok;
    }

    static int Benchmark(CliContext context, bool json)
    {
        var results = ReadBenchmark.Run(progress: new SyncProgress(s => context.Error.WriteLine($"mrh: {s}")));
        if (json)
        {
            context.Out.WriteLine(Json.Serialize(results.Select(r => new
            {
                r.Description, r.Bytes, r.FirstSeconds, r.BestSeconds, r.Repeats, r.MegabytesPerSecond,
            })));
            return CommandLine.Ok;
        }
        context.Out.WriteLine($"{"file",-44} {"MB",8} {"first ms",9} {"best ms",9} {"MB/s",8}");
        foreach (var r in results)
            context.Out.WriteLine($"{r.Description,-44} {r.Bytes / 1e6,8:0.0} {r.FirstSeconds * 1000,9:0.0} {r.BestSeconds * 1000,9:0.0} {r.MegabytesPerSecond,8:0}");
        return CommandLine.Ok;
    }

    static string N(double v) => v.ToString("G7", CultureInfo.InvariantCulture);

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
