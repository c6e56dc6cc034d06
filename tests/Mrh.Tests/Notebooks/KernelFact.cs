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

    /// <summary>The test also needs Debian's chromium (skipped, with the reason shown, where it is missing).</summary>
    public bool NeedsChromium
    {
        get => Skip is not null && Skip.Contains("chromium", StringComparison.Ordinal);
        set
        {
            if (value && Skip is null && !File.Exists(HeadlessChromium.Executable))
                Skip = $"{HeadlessChromium.Executable} is missing: install Debian's chromium (apt-get install -y chromium) to run this test";
        }
    }
}
