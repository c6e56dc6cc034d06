using Mrh.Imaging;

namespace Mrh.Phantom;

/// <summary>
/// A folder of generated volumes keyed by generator version, config, animal and product, so notebooks
/// and commands reuse animals instead of regenerating them. Files are written atomically; a damaged or
/// foreign file is ignored and regenerated. Safe for several processes sharing one folder.
/// </summary>
public sealed class PhantomCache
{
    public PhantomCache(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) throw new MrhException("phantom cache folder must not be empty");
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary>
    /// The default folder: $MRH_PHANTOM_CACHE if set; else data/generated/phantom in the repository that
    /// contains the current folder (found by MrhNotebooks.sln); else the user's cache folder.
    /// </summary>
    public static PhantomCache Default()
    {
        var env = Environment.GetEnvironmentVariable("MRH_PHANTOM_CACHE");
        if (!string.IsNullOrWhiteSpace(env)) return new PhantomCache(env);
        for (var dir = new DirectoryInfo(System.IO.Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MrhNotebooks.sln")))
                return new PhantomCache(Path.Combine(dir.FullName, "data", "generated", "phantom"));
        var home = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        if (string.IsNullOrEmpty(home)) home = Path.GetTempPath();
        return new PhantomCache(Path.Combine(home, "mrh", "phantom"));
    }

    /// <summary>Path of an entry: a readable prefix (animal and product) and the content hash.</summary>
    public string PathFor(string name, string hash) => Path.Combine(Directory, $"{Sanitise(name)}.{hash}{RawVolumeFile.Extension}");

    /// <summary>The cached volume, or the result of <paramref name="make"/> (then stored).</summary>
    public Volume GetOrCreate(string name, string hash, Func<Volume> make)
    {
        var path = PathFor(name, hash);
        if (File.Exists(path))
        {
            try { return RawVolumeFile.Read(path); }
            catch (MrhException) { /* damaged or foreign: regenerate below */ }
        }
        var volume = make();
        RawVolumeFile.Write(volume, path);
        return volume;
    }

    public bool Contains(string name, string hash) => File.Exists(PathFor(name, hash));

    static string Sanitise(string name) => new(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
