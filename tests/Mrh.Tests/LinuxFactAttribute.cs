namespace Mrh.Tests;

/// <summary>
/// A fact that only means something on Linux: elsewhere it is reported as skipped (visibly, with the reason),
/// never run and passed by an early return.
/// </summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Linux only (ELF libraries and the system libstdc++)";
    }
}
