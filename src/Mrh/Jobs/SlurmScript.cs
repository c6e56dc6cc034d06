using System.Text;
using Mrh.Presets;

namespace Mrh.Jobs;

/// <summary>What a Slurm job-array script for a plan needs.</summary>
public sealed record SlurmScriptOptions
{
    public required Preset Preset { get; init; }
    /// <summary>Number of units in the plan (array tasks 0..Units-1).</summary>
    public required int Units { get; init; }
    /// <summary>The command that runs <c>mrh</c> (the built program, an absolute path, quoted as needed).</summary>
    public required string Mrh { get; init; }
    /// <summary>The cache folder every task and the later reproduce share (on a file system all nodes see).</summary>
    public required string CacheFolder { get; init; }
    /// <summary>Folder of the per-task log files (grid-JOB_TASK.out).</summary>
    public required string LogFolder { get; init; }
    /// <summary>Folder the tasks run in (the repository, so that relative paths and the phantom cache resolve).</summary>
    public required string WorkingFolder { get; init; }
    public string Dataset { get; init; } = "";
    public IReadOnlyList<string> Only { get; init; } = [];
    public int Gpus { get; init; }
    /// <summary>The tasks' --device: cpu, cuda or auto (it is part of every network's cache key).</summary>
    public string Device { get; init; } = "cpu";
    public string? Partition { get; init; }
    public int CpusPerTask { get; init; } = 2;
    /// <summary>Memory per task, in Slurm's notation (e.g. 8G); null: the cluster's default.</summary>
    public string? Memory { get; init; }
    /// <summary>Time limit per task (e.g. 02:00:00); null: the partition's default.</summary>
    public string? Time { get; init; }
    /// <summary>At most this many tasks at once (the array's %N); 0: no limit.</summary>
    public int MaxParallel { get; init; }
}

/// <summary>
/// A Slurm batch script that trains every unit of a plan as one task of a job array (<c>#SBATCH --array=0-N</c>):
/// task i runs <c>mrh jobs run --array-index i</c> with the plan's preset and figures, so the array and the plan
/// agree; each task writes its own log file; all tasks share one cache folder (exported as MRH_CACHE).
/// </summary>
public static class SlurmScript
{
    public static string Create(SlurmScriptOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        if (o.Units < 1) throw new MrhException("the plan has no training units");
        var sb = new StringBuilder();
        sb.Append("#!/bin/bash\n");
        sb.Append($"# MRH training grid, preset {o.Preset.Name()}: {o.Units} units (mrh jobs plan --preset {o.Preset.Name()}{OnlyArgs(o)}).\n");
        sb.Append("# Submit with: sbatch THIS_FILE   (then: mrh reproduce --preset " + o.Preset.Name() + " finds every network in the cache)\n");
        sb.Append($"#SBATCH --job-name=mrh-{o.Preset.Name()}\n");
        sb.Append($"#SBATCH --array=0-{o.Units - 1}{(o.MaxParallel > 0 ? $"%{o.MaxParallel}" : "")}\n");
        sb.Append($"#SBATCH --output={Path.Combine(o.LogFolder, "grid-%A_%a.out")}\n");
        sb.Append($"#SBATCH --chdir={o.WorkingFolder}\n");
        sb.Append("#SBATCH --ntasks=1\n");
        sb.Append($"#SBATCH --cpus-per-task={o.CpusPerTask}\n");
        if (o.Gpus > 0) sb.Append($"#SBATCH --gpus={o.Gpus}\n");
        if (!string.IsNullOrWhiteSpace(o.Partition)) sb.Append($"#SBATCH --partition={o.Partition}\n");
        if (!string.IsNullOrWhiteSpace(o.Memory)) sb.Append($"#SBATCH --mem={o.Memory}\n");
        if (!string.IsNullOrWhiteSpace(o.Time)) sb.Append($"#SBATCH --time={o.Time}\n");
        sb.Append("set -euo pipefail\n");
        sb.Append($"export {NetworkCache.EnvironmentVariable}={Quote(o.CacheFolder)}\n");
        sb.Append($"exec {o.Mrh} jobs run --array-index \"$SLURM_ARRAY_TASK_ID\" --preset {o.Preset.Name()}");
        if (o.Dataset.Length > 0) sb.Append($" --dataset {Quote(o.Dataset)}");
        if (o.Device != "cpu") sb.Append($" --device {Quote(o.Device)}");
        sb.Append(OnlyArgs(o)).Append('\n');
        return sb.ToString();
    }

    static string OnlyArgs(SlurmScriptOptions o) => o.Only.Count == 0 ? "" : " --only " + Quote(string.Join(",", o.Only));

    /// <summary>Single-quoted for the shell (plain words stay as they are).</summary>
    public static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or ',' or '+' or ':' or '=') ? s : "'" + s.Replace("'", "'\\''") + "'";
}
