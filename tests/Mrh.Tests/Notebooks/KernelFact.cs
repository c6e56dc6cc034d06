using Mrh.Notebooks.Execution;

namespace Mrh.Tests.Notebooks;

/// <summary>
/// A fact that runs notebooks in the real .NET Interactive kernel (the pinned dotnet-interactive tool). Skipped, with
/// the reason shown, only where the tool cannot be restored (no NuGet feed that serves it).
/// </summary>
public sealed class KernelFactAttribute : FactAttribute
{
    static readonly Lazy<string?> Problem = new(() =>
    {
        try { return KernelTool.Pinned.RestoreAsync(CancellationToken.None).GetAwaiter().GetResult(); }
        catch (Exception e) { return e.Message; }
    });

    public KernelFactAttribute()
    {
        if (Problem.Value is { } why) Skip = $"the .NET Interactive kernel cannot be had here: {why}";
    }
}
