using System.Security.Cryptography;
using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Phantom;

/// <summary>
/// The phantom cache is keyed by what determines the volumes: the generator's code (hashes of its source files,
/// embedded by the build) and its configuration, not by a version string that someone must remember to bump.
/// </summary>
public class CacheKeyTests
{
    static string SourceRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MrhNotebooks.sln"))) return Path.Combine(d.FullName, "src", "Mrh");
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void TheEmbeddedSourceHashesAreThoseOfTheGeneratorsFilesNow()
    {
        var embedded = PhantomConfig.SourceHashes();
        string root = SourceRoot();
        // every generator file is covered, with the hash of its bytes as they are in the repository now
        var phantomFiles = Directory.GetFiles(Path.Combine(root, "Phantom"), "*.cs", SearchOption.AllDirectories);
        Assert.NotEmpty(phantomFiles);
        foreach (var file in phantomFiles.Concat([Path.Combine(root, "Analysis", "DisplacementField.cs"), Path.Combine(root, "Data", "Protocol.cs")]))
        {
            string rel = Path.GetRelativePath(root, file).Replace('\\', '/').ToLowerInvariant();
            string hash = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))).ToLowerInvariant();
            Assert.Contains($"{rel}={hash}", embedded);
        }
        Assert.Equal(16, PhantomConfig.CodeIdentity.Length);
        Assert.Equal(PhantomConfig.ComputeCodeIdentity(embedded), PhantomConfig.CodeIdentity);
    }

    [Fact]
    public void TheKeyChangesWithTheCodeAndWithTheConfigurationAndWithNothingElse()
    {
        var config = PhantomConfig.For(Preset.Smoke);
        string key = config.Hash("animal", 3);
        Assert.Equal(key, PhantomConfig.For(Preset.Smoke).Hash("animal", 3));                 // deterministic
        Assert.Equal(key, config.HashWith(PhantomConfig.CodeIdentity, "animal", 3));
        // one edited generator file: another code identity, another key
        var edited = PhantomConfig.SourceHashes().Select((e, i) => i == 0 ? e[..^1] + (e[^1] == '0' ? '1' : '0') : e).ToArray();
        string otherCode = PhantomConfig.ComputeCodeIdentity(edited);
        Assert.NotEqual(PhantomConfig.CodeIdentity, otherCode);
        Assert.NotEqual(key, config.HashWith(otherCode, "animal", 3));
        // another configuration value
        Assert.NotEqual(key, (config with { Spacing = 0.31 }).Hash("animal", 3));
        Assert.NotEqual(key, config.Hash("animal", 4));
    }
}
