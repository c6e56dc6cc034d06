using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Mrh.IO;

/// <summary>
/// The one way the package writes files, so that readers never see a half-written file: the content goes to
/// a temporary file in the target's folder, is flushed to the disk, and is renamed over the target only when
/// complete; on failure it is deleted. Several files that belong together (an Analyze .hdr/.img pair) are
/// written all or nothing. Temporary files are named <c>.NAME.mrh-PID-ID.tmp</c>: a write into a folder first
/// removes the temporary files of ours there whose process has ended (left by a killed run), and
/// <see cref="EndWrites"/> removes this process's own and lets it start no other (the command line calls it on
/// SIGINT / SIGTERM).
/// </summary>
public static class AtomicFile
{
    const string Marker = ".mrh-";
    const string Suffix = ".tmp";

    // The temporary files this process is writing now. Process-wide on purpose: like the file system it
    // describes, it is shared by every caller, and a signal handler must find them without a reference.
    static readonly ConcurrentDictionary<string, byte> Pending = new(StringComparer.Ordinal);

    // Creating a temporary file and recording it in Pending happen together under this lock, and EndWrites
    // sets Ending under it: after EndWrites no temporary file appears that its DeletePending did not see.
    static readonly Lock Gate = new();
    static bool Ending;

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> atomically; creates the folder.</summary>
    public static void Write(string path, Action<Stream> write) => WriteAll([(path, write)]);

    /// <summary>Writes bytes atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        var data = bytes.ToArray();
        Write(path, s => s.Write(data));
    }

    /// <summary>Writes text (UTF-8, no byte-order mark) atomically.</summary>
    public static void WriteText(string path, string text) =>
        WriteAllBytes(path, new System.Text.UTF8Encoding(false).GetBytes(text));

    /// <summary>
    /// Writes several files that belong together all or nothing: every temporary file is complete and on disk
    /// before the first rename; if a rename fails, the files already replaced get their old content back (or
    /// are removed when they did not exist), so either every target has its new content or none changed.
    /// </summary>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        var temps = new List<(string Temp, string Full)>();
        var placed = new List<(string Full, string? Backup)>();
        try
        {
            foreach (var (path, write) in files)
            {
                string full = Path.GetFullPath(path);
                string dir = Path.GetDirectoryName(full)!;
                Directory.CreateDirectory(dir);
                RemoveStale(dir);
                if (Directory.Exists(full)) throw new MrhException($"{path}: is a folder, not a file");
                string temp = TempName(full, "");
                using var fs = CreateTemporary(temp);
                temps.Add((temp, full));
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            if (temps.Count == 1)
            {
                File.Move(temps[0].Temp, temps[0].Full, overwrite: true);
                Pending.TryRemove(temps[0].Temp, out _);
                return;
            }
            foreach (var (temp, full) in temps)
            {
                string? backup = null;
                if (File.Exists(full))
                {
                    backup = TempName(full, "old-");
                    Pending[backup] = 0;
                    File.Move(full, backup);
                }
                placed.Add((full, backup));
                File.Move(temp, full, overwrite: true);
                Pending.TryRemove(temp, out _);
            }
            foreach (var (_, backup) in placed) if (backup != null) TryDelete(backup);
        }
        catch
        {
            // undo in reverse order: the old content back in place, or no file where there was none
            for (int i = placed.Count - 1; i >= 0; i--)
            {
                var (full, backup) = placed[i];
                try
                {
                    if (backup != null && File.Exists(backup)) File.Move(backup, full, overwrite: true);
                    else if (backup == null && File.Exists(full) && !temps.Any(t => t.Full == full && File.Exists(t.Temp))) File.Delete(full);
                }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
                if (backup != null) Pending.TryRemove(backup, out _);
            }
            foreach (var (temp, _) in temps) TryDelete(temp);
            throw;
        }
    }

    /// <summary>Creates and records a temporary file, unless the process is ending (<see cref="EndWrites"/>).</summary>
    static FileStream CreateTemporary(string temp)
    {
        lock (Gate)
        {
            if (Ending) throw new OperationCanceledException("the process is ending: no new file is written");
            var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            Pending[temp] = 0;
            return fs;
        }
    }

    /// <summary>Whether a file name is one of our temporary files (any process).</summary>
    public static bool IsTemporaryName(string fileName) => ParsePid(fileName) is not null;

    /// <summary>
    /// Deletes this process's temporary files that are being written now (for a signal handler: the process is
    /// about to end, and what it was writing will never be renamed). Returns how many it deleted.
    /// </summary>
    public static int DeletePending()
    {
        int n = 0;
        foreach (var temp in Pending.Keys)
        {
            if (temp.Contains(Marker + "old-", StringComparison.Ordinal)) continue; // a target's old content: keep
            if (TryDelete(temp)) n++;
            Pending.TryRemove(temp, out _);
        }
        return n;
    }

    /// <summary>
    /// For a SIGINT / SIGTERM handler, when the process is about to end while other threads still run: from now
    /// on no write of this process creates a temporary file (it throws <see cref="OperationCanceledException"/>
    /// instead), then the ones being written are deleted (<see cref="DeletePending"/>). Without the first part the
    /// thread that was writing could start its next file after the deletion and before the process ended, and
    /// leave that one behind. Returns how many it deleted.
    /// </summary>
    public static int EndWrites()
    {
        lock (Gate) Ending = true;
        return DeletePending();
    }

    /// <summary>
    /// Deletes our temporary files in <paramref name="directory"/> (not below) whose process has ended or whose
    /// process id now belongs to a process started after the file was last written. Returns how many.
    /// </summary>
    public static int RemoveStale(string directory)
    {
        int n = 0;
        IEnumerable<string> candidates;
        try { candidates = Directory.EnumerateFiles(directory, "*" + Marker + "*" + Suffix).ToList(); }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
        foreach (var file in candidates)
        {
            if (ParsePid(Path.GetFileName(file)) is not int pid || pid == Environment.ProcessId) continue;
            if (IsAlive(pid, File.GetLastWriteTimeUtc(file))) continue;
            if (TryDelete(file)) n++;
        }
        return n;
    }

    static string TempName(string full, string kind) =>
        Path.Combine(Path.GetDirectoryName(full)!,
            $".{Path.GetFileName(full)}{Marker}{kind}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}{Suffix}");

    /// <summary>The process id in one of our temporary names (".NAME.mrh-[old-]PID-GUID.tmp"), or null.</summary>
    static int? ParsePid(string name)
    {
        if (!name.StartsWith('.') || !name.EndsWith(Suffix, StringComparison.Ordinal)) return null;
        int at = name.LastIndexOf(Marker, StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = name.AsSpan(at + Marker.Length, name.Length - at - Marker.Length - Suffix.Length);
        if (rest.StartsWith("old-")) rest = rest[4..];
        int dash = rest.IndexOf('-');
        if (dash <= 0 || rest.Length - dash - 1 != 32) return null;
        return int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : null;
    }

    static bool IsAlive(int pid, DateTime writtenUtc)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            if (p.HasExited) return false;
            // a reused id: that process started after the file was last written, so it cannot be its writer
            return p.StartTime.ToUniversalTime() <= writtenUtc.AddSeconds(2);
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
        catch (System.ComponentModel.Win32Exception) { return true; }
        catch (NotSupportedException) { return true; }
    }

    static bool TryDelete(string path)
    {
        try
        {
            if (!File.Exists(path)) return false;
            File.Delete(path);
            return true;
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }
}
