using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mrh.Notebooks.Reproduction;

/// <summary>
/// Everything that determines what a figure notebook shows when `mrh reproduce` runs it, as data: the notebook
/// file (SHA-256 of its bytes), the parameters that reach its cells (the output location excluded: it changes
/// where the table is saved, not what it says), the data's identity (the built-in brain is made by the library
/// from the preset; a dataset is its files' hashes, never its path), the library the notebook loads (name and
/// SHA-256 of each assembly in <c>lib/</c>) and the pinned kernel (its tool manifest). Two runs with equal
/// recipes show the same numbers and figures, so the second may reuse the first's executed notebook
/// (<see cref="NotebookRunCache"/>). The key is the SHA-256 (first 32 hex digits) of <see cref="CanonicalText"/>.
/// </summary>
public sealed record NotebookRunRecipe(
    string NotebookSha256,
    IReadOnlyDictionary<string, string> Parameters,
    string Data,
    IReadOnlyDictionary<string, string> Library,
    string KernelSha256)
{
    const string Format = "mrh-notebook-run-1";

    static readonly JsonSerializerOptions Canonical = new() { WriteIndented = false };

    /// <summary>The content address of the run.</summary>
    public string Key => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText)))[..32];

    /// <summary>The text that is hashed: names in ordinal order, so the order the parameters were given in does not matter.</summary>
    public string CanonicalText => JsonSerializer.Serialize(new
    {
        format = Format,
        notebook = NotebookSha256,
        parameters = new SortedDictionary<string, string>(Parameters.ToDictionary(), StringComparer.Ordinal),
        data = Data,
        library = new SortedDictionary<string, string>(Library.ToDictionary(), StringComparer.Ordinal),
        kernel = KernelSha256,
    }, Canonical);

    /// <summary>The SHA-256 of a file's bytes (lower-case hex).</summary>
    public static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// The library a notebook in <paramref name="notebooksFolder"/> loads: every assembly (<c>*.dll</c>) in its
    /// <c>lib/</c> folder, which the build fills (empty when there is none: the notebook will say so when it runs).
    /// The native libraries below <c>lib/runtimes</c> are not hashed (hundreds of MB); they come with TorchSharp's
    /// package, whose assembly is hashed.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LibraryOf(string notebooksFolder)
    {
        string lib = Path.Combine(notebooksFolder, "lib");
        if (!Directory.Exists(lib)) return new Dictionary<string, string>();
        return Directory.GetFiles(lib, "*.dll").ToDictionary(f => Path.GetFileName(f), FileSha256, StringComparer.Ordinal);
    }
}
