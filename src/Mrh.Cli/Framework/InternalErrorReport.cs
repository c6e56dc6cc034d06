using System.Globalization;

namespace Mrh.Cli.Framework;

/// <summary>Writes the full trace of an internal error (a bug of ours) to a file in the temporary folder.</summary>
static class InternalErrorReport
{
    /// <summary>The file written, or null when none could be written.</summary>
    public static string? Write(Exception e, IReadOnlyList<string> args)
    {
        try
        {
            string stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            string path = Path.Combine(Path.GetTempPath(), $"mrh-internal-error-{stamp}-{Environment.ProcessId}.txt");
            string text = $"mrh {typeof(InternalErrorReport).Assembly.GetName().Version?.ToString(3)}\n" +
                          $"command: mrh {string.Join(' ', args)}\n" +
                          $"time: {DateTime.UtcNow:O}\n\n{e}\n";
            Mrh.IO.AtomicFile.WriteText(path, text);
            return path;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
