namespace Mrh.IO;

/// <summary>One output of a command: the option that names it, its path, and the file extensions it may end in
/// (none: the output is a folder).</summary>
public sealed record OutputSpec(string Option, string Path, IReadOnlyList<string> Extensions)
{
    public bool IsFolder => Extensions.Count == 0;

    /// <summary>A file output that must end in one of <paramref name="extensions"/> (".nii", ".nii.gz", ...).</summary>
    public static OutputSpec File(string option, string path, params string[] extensions) => new(option, path, extensions);

    /// <summary>A folder output.</summary>
    public static OutputSpec Folder(string option, string path) => new(option, path, []);
}

/// <summary>One input of a command (a file or a folder), named by the option that gave it.</summary>
public sealed record InputSpec(string Option, string Path);

/// <summary>
/// The rules every command checks its outputs by, before any work starts: a file output ends in a known
/// extension and is not a folder; a folder output is not a file; the folder an output goes into exists as a
/// folder (or can be created under one) and can be written; no output is an input (the same file, through a
/// link, or the other half of an Analyze .hdr/.img pair); no two outputs are the same file; and no folder
/// output is an input folder. Failures are <see cref="MrhException"/>s naming the options.
/// </summary>
public static class OutputPaths
{
    /// <summary>Volume files the package writes.</summary>
    public static readonly string[] VolumeExtensions = [".nii", ".nii.gz", ".hdr", ".img"];

    /// <summary>NIfTI only.</summary>
    public static readonly string[] NiftiExtensions = [".nii", ".nii.gz"];

    public static void Check(IReadOnlyList<InputSpec> inputs, params OutputSpec[] outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var claimed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var input in inputs)
            foreach (var file in FilesOf(input.Path, isFolder: false))
                claimed.TryAdd(file, input.Option);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            if (string.IsNullOrWhiteSpace(output.Path)) throw new MrhException($"{output.Option}: an empty path");
            if (output.Path.IndexOf('\0') >= 0) throw new MrhException($"{output.Option}: the path holds a NUL character");
            string full = Resolve(output.Path);
            if (output.IsFolder)
            {
                if (System.IO.File.Exists(full)) throw new MrhException($"{output.Option} {output.Path}: exists and is a file, not a folder");
                foreach (var input in inputs)
                    if (Directory.Exists(input.Path) && Resolve(input.Path) == full)
                        throw new MrhException($"{output.Option} {output.Path} is the folder given as {input.Option}: refusing to write into an input folder");
                CheckWritable(output.Option, output.Path, full);
                continue;
            }
            if (!output.Extensions.Any(e => output.Path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                throw new MrhException($"{output.Option} {output.Path}: must end in {string.Join(" or ", output.Extensions)}");
            if (Directory.Exists(full)) throw new MrhException($"{output.Option} {output.Path}: is a folder, not a file");
            foreach (var file in FilesOf(output.Path, isFolder: false))
            {
                if (claimed.TryGetValue(file, out var inputOption))
                    throw new MrhException($"{output.Option} {output.Path} would overwrite the input given as {inputOption}: choose another output file");
                if (!written.TryAdd(file, output.Option))
                    throw new MrhException($"{output.Option} and {written[file]} name the same file ({output.Path}): choose two different files");
                if (Directory.Exists(file)) throw new MrhException($"{output.Option} {output.Path}: {file} is a folder");
            }
            CheckWritable(output.Option, output.Path, Path.GetDirectoryName(full)!);
        }
    }

    /// <summary>The files a path stands for, resolved: an Analyze pair's two halves as the writer names them (.HDR and
    /// .IMG when the extension has a capital, .hdr and .img otherwise) besides the path itself; one file otherwise.</summary>
    static IEnumerable<string> FilesOf(string path, bool isFolder)
    {
        string ext = Path.GetExtension(path);
        if (isFolder || !(ext.Equals(".hdr", StringComparison.OrdinalIgnoreCase) || ext.Equals(".img", StringComparison.OrdinalIgnoreCase)))
            return [Resolve(path)];
        bool upper = ext.Any(char.IsUpper);
        string stem = path[..^4];
        return new[] { path, stem + (upper ? ".HDR" : ".hdr"), stem + (upper ? ".IMG" : ".img") }.Select(p => Resolve(p)).Distinct();
    }

    /// <summary>The full path with "." and ".." folded as .NET folds them before opening a file, and every link on
    /// the way resolved (to the file, or to a folder above it), so that every spelling of one file gives one string.</summary>
    static string Resolve(string path) => Resolve(path, 0);

    static string Resolve(string path, int linksFollowed)
    {
        string full = Path.GetFullPath(path);
        string resolved = Path.GetPathRoot(full)!;
        foreach (string part in full[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            resolved = Path.Combine(resolved, part);
            string? target = null;
            try { target = new FileInfo(resolved).LinkTarget; }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            if (target != null && linksFollowed < 40) // 40: a loop of links ends here, as the system's own limit ends it
                resolved = Resolve(Path.Combine(Path.GetDirectoryName(resolved)!, target), linksFollowed + 1);
        }
        return resolved;
    }

    /// <summary>The nearest existing folder at or above <paramref name="folder"/> is a folder we can create files in.</summary>
    static void CheckWritable(string option, string given, string folder)
    {
        string? dir = folder;
        while (dir != null && !Directory.Exists(dir))
        {
            if (System.IO.File.Exists(dir)) throw new MrhException($"{option} {given}: {dir} is a file, not a folder");
            dir = Path.GetDirectoryName(dir);
        }
        if (dir is null) throw new MrhException($"{option} {given}: no existing folder above it");
        string probe = Path.Combine(dir, $".mrh-probe.mrh-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MrhException($"{option} {given}: cannot write in {dir} ({e.Message.ReplaceLineEndings(" ")})");
        }
    }
}
