using System.Diagnostics;

namespace Mrh.Imaging;

/// <summary>One measured read: the file, its size, the first (cold, JIT included) and best time.</summary>
public sealed record ReadTiming(string Description, string File, long Bytes, double FirstSeconds, double BestSeconds, int Repeats)
{
    /// <summary>Megabytes of file read per second at the best time.</summary>
    public double MegabytesPerSecond => Bytes / 1e6 / BestSeconds;
}

/// <summary>
/// Measures how fast volume files are read: the two sizes the project cares about (the authors'
/// 200 x 280 x 128 uint8 Analyze output volumes, a 67-channel float32 NIfTI of 100 x 64 x 128), written
/// to a scratch folder with deterministic contents and read back through <see cref="VolumeFile.Read"/>.
/// Not part of the tests (timings are not asserted); run it with <c>mrh volume info --time</c>.
/// </summary>
public static class ReadBenchmark
{
    /// <summary>Writes the benchmark files into <paramref name="scratch"/> (default: a temporary folder, removed afterwards) and times reading each.</summary>
    public static IReadOnlyList<ReadTiming> Run(string? scratch = null, int repeats = 3, IProgress<string>? progress = null)
    {
        bool temporary = scratch is null;
        scratch ??= Path.Combine(Path.GetTempPath(), $"mrh-read-benchmark-{Environment.ProcessId}");
        Directory.CreateDirectory(scratch);
        try
        {
            var results = new List<ReadTiming>();
            progress?.Report("writing a 200 x 280 x 128 uint8 Analyze 7.5 volume");
            string analyze = Path.Combine(scratch, "bench_uint8.img");
            VolumeFile.Write(Pattern(200, 280, 128, 1, integer: true), analyze, VolumeDataType.UInt8);
            results.Add(Time(analyze, "Analyze 7.5, 200 x 280 x 128 uint8", repeats));

            progress?.Report("writing a 100 x 64 x 128 x 67 float32 NIfTI");
            string nifti = Path.Combine(scratch, "bench_67ch.nii");
            var big = Pattern(100, 64, 128, 67, integer: false);
            VolumeFile.Write(big, nifti, VolumeDataType.Float32);
            results.Add(Time(nifti, "NIfTI-1, 100 x 64 x 128 x 67 float32", repeats));

            progress?.Report("writing the same as .nii.gz");
            string gz = Path.Combine(scratch, "bench_67ch.nii.gz");
            VolumeFile.Write(big, gz, VolumeDataType.Float32);
            results.Add(Time(gz, "NIfTI-1 gzip, 100 x 64 x 128 x 67 float32", repeats));
            return results;
        }
        finally
        {
            if (temporary) try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Times <paramref name="repeats"/> reads of one file.</summary>
    public static ReadTiming Time(string path, string? description = null, int repeats = 3)
    {
        if (repeats < 1) throw new ArgumentOutOfRangeException(nameof(repeats));
        double first = 0, best = double.PositiveInfinity;
        for (int r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            var v = VolumeFile.Read(path);
            sw.Stop();
            GC.KeepAlive(v);
            double s = sw.Elapsed.TotalSeconds;
            if (r == 0) first = s;
            best = Math.Min(best, s);
        }
        long bytes = new FileInfo(path).Length;
        string lower = path.ToLowerInvariant();
        if (lower.EndsWith(".hdr") || lower.EndsWith(".img"))
            bytes = new FileInfo(path[..^4] + ".img").Length + new FileInfo(path[..^4] + ".hdr").Length;
        return new ReadTiming(description ?? Path.GetFileName(path), path, bytes, first, best, repeats);
    }

    static Volume Pattern(int nx, int ny, int nz, int channels, bool integer)
    {
        var data = new float[channels][];
        int n = nx * ny * nz;
        for (int c = 0; c < channels; c++)
        {
            var a = data[c] = new float[n];
            for (int i = 0; i < n; i++)
                a[i] = integer ? (i * 7 + c * 13) % 256 : (float)Math.Sin(i * 0.001 + c) * 1000;
        }
        return new Volume(nx, ny, nz, data, [0.0625, 0.0625, 0.0625]);
    }
}
