namespace Mrh.IO;

/// <summary>
/// Writes files so that readers never see a half-written file: the content goes to a temporary file in
/// the same folder, which is renamed over the target only when complete; on failure it is deleted.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> atomically; creates the folder.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string temp = TempName(full);
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(fs);
                fs.Flush(flushToDisk: false);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes text (UTF-8, no byte-order mark) atomically.</summary>
    public static void WriteText(string path, string text) =>
        Write(path, s =>
        {
            var bytes = new System.Text.UTF8Encoding(false).GetBytes(text);
            s.Write(bytes);
        });

    /// <summary>
    /// Writes several files that belong together (an Analyze .hdr/.img pair): every temporary file is
    /// complete before the first rename, and the renames happen in the order given.
    /// </summary>
    public static void WriteAll(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        var temps = new List<(string Temp, string Full)>();
        try
        {
            foreach (var (path, write) in files)
            {
                string full = Path.GetFullPath(path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                string temp = TempName(full);
                temps.Add((temp, full));
                using var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                write(fs);
            }
            foreach (var (temp, full) in temps) File.Move(temp, full, overwrite: true);
        }
        catch
        {
            foreach (var (temp, _) in temps) TryDelete(temp);
            throw;
        }
    }

    static string TempName(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");

    static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
