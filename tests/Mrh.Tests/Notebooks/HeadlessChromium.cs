using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Mrh.Tests.Notebooks;

/// <summary>A fact that needs Debian's chromium; skipped, with the reason shown, only where it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(HeadlessChromium.Executable))
            Skip = $"{HeadlessChromium.Executable} is missing: install Debian's chromium (apt-get install -y chromium) to run this test";
    }
}

/// <summary>Loads a local page in headless Chromium and returns the DOM after its scripts ran.</summary>
static partial class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    public static string DumpDom(string htmlFile)
    {
        string profile = Path.Combine(Path.GetTempPath(), "mrh-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        try
        {
            var psi = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--virtual-time-budget=5000", $"--user-data-dir={profile}", "--dump-dom",
                         new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri,
                     })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stderr = p.StandardError.ReadToEndAsync();
            string dom = p.StandardOutput.ReadToEnd();
            if (!p.WaitForExit(60_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 60 s");
            }
            Assert.True(dom.Length > 0, "chromium printed no DOM: " + stderr.Result);
            return dom;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>The value of attribute <paramref name="name"/> on the root &lt;html&gt; element of a dumped DOM.</summary>
    public static string? RootAttribute(string dom, string name)
    {
        var root = RootElement().Match(dom);
        Assert.True(root.Success, "no <html> element in the DOM");
        var m = Regex.Match(root.Value, $"\\s{Regex.Escape(name)}=\"([^\"]*)\"");
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex("<html[^>]*>")]
    private static partial Regex RootElement();
}
