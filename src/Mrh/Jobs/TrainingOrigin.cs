namespace Mrh.Jobs;

/// <summary>
/// Which process trained a cache entry: host, process id, and the Slurm job, array job and array task when it
/// ran under Slurm (from SLURM_JOB_ID, SLURM_ARRAY_JOB_ID, SLURM_ARRAY_TASK_ID; null otherwise).
/// </summary>
public sealed record TrainingOrigin(string Host, int ProcessId, string? SlurmJobId, string? SlurmArrayJobId, string? SlurmArrayTaskId)
{
    /// <summary>This process.</summary>
    public static TrainingOrigin Current() => new(Environment.MachineName, Environment.ProcessId,
        Env("SLURM_JOB_ID"), Env("SLURM_ARRAY_JOB_ID"), Env("SLURM_ARRAY_TASK_ID"));

    static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    public override string ToString() =>
        $"{Host} pid {ProcessId}" + (SlurmArrayTaskId is not null ? $", slurm array {SlurmArrayJobId} task {SlurmArrayTaskId}"
            : SlurmJobId is not null ? $", slurm job {SlurmJobId}" : "");
}
