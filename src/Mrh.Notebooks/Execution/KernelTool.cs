using System.Diagnostics;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// The pinned .NET Interactive kernel: the <c>Microsoft.dotnet-interactive</c> tool of the repository's local tool
/// manifest (<c>.config/dotnet-tools.json</c>, copied next to the program as <c>kernel/.config/dotnet-tools.json</c>),
/// started per notebook as <c>dotnet tool run dotnet-interactive -- stdio</c>. When the tool is not restored yet it is
/// restored with <c>dotnet tool restore</c> (from NuGet, once per machine), so no separate install step is needed.
/// </summary>
/// <param name="ManifestFolder">the folder holding <c>.config/dotnet-tools.json</c></param>
/// <param name="Dotnet">the <c>dotnet</c> host that runs the tool</param>
public sealed record KernelTool(string ManifestFolder, string Dotnet)
{
    /// <summary>The tool's command name in the manifest.</summary>
    public const string Command = "dotnet-interactive";

    /// <summary>The kernel carried with this program (the manifest copied to its output folder).</summary>
    public static KernelTool Pinned => new(Path.Combine(AppContext.BaseDirectory, "kernel"), DotnetHost());

    /// <summary>The manifest file.</summary>
    public string Manifest => Path.Combine(ManifestFolder, ".config", "dotnet-tools.json");

    /// <summary>How to start the kernel's stdio host for a notebook in <paramref name="workingFolder"/>.</summary>
    internal ProcessStartInfo StdioStartInfo(string workingFolder)
    {
        var psi = Start("tool", "run", Command, "--", "stdio", "--default-kernel", "csharp", "--working-dir", workingFolder);
        psi.RedirectStandardInput = true;
        return psi;
    }

    /// <summary>
    /// <c>dotnet tool restore</c> in the manifest's folder. Returns null when it worked, else what it said.
    /// </summary>
    public async Task<string?> RestoreAsync(CancellationToken cancel)
    {
        if (!File.Exists(Manifest)) return $"the kernel's tool manifest {Manifest} is missing (the build copies it from .config/dotnet-tools.json)";
        using var p = Process.Start(Start("tool", "restore")) ?? throw new InvalidOperationException("dotnet did not start");
        var output = p.StandardOutput.ReadToEndAsync(cancel);
        var error = p.StandardError.ReadToEndAsync(cancel);
        try { await p.WaitForExitAsync(cancel).ConfigureAwait(false); }
        catch (OperationCanceledException) { p.Kill(entireProcessTree: true); throw; }
        if (p.ExitCode == 0) return null;
        string said = ((await error.ConfigureAwait(false)) + (await output.ConfigureAwait(false))).Trim();
        return $"`dotnet tool restore` in {ManifestFolder} failed (exit code {p.ExitCode}): {Last(said, 600)}";
    }

    ProcessStartInfo Start(params string[] args)
    {
        var psi = new ProcessStartInfo(Dotnet)
        {
            WorkingDirectory = ManifestFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        // A test host or an msbuild-launched parent leaves variables that would steer the kernel's own
        // builds (#r "nuget: ...") into the parent's MSBuild.
        foreach (var key in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            psi.Environment.Remove(key);
        return psi;
    }

    static string DotnetHost()
    {
        // Running under `dotnet` (dotnet run, dotnet test, dotnet mrh.dll): the same host; else the one on PATH.
        string? host = Environment.ProcessPath;
        return host != null && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? host : "dotnet";
    }

    internal static string Last(string text, int chars) => text.Length <= chars ? text : "..." + text[^chars..];
}
