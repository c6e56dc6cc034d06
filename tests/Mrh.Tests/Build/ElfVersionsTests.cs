using Mrh.Build;

namespace Mrh.Tests.Build;

public class ElfVersionsTests
{
    static readonly string[] Gcc12 = ["GLIBCXX_3.4", "GLIBCXX_3.4.30", "CXXABI_1.3"];

    [Fact]
    public void ReadsVersionReferencesOfAHandBuiltLibrary()
    {
        var needs = ElfVersions.ReadNeeds(SyntheticElf.Needing(1), "t.so");
        Assert.Equal(["GLIBCXX_3.4", "GLIBCXX_3.4.32"], needs.Select(n => n.Name));
        Assert.All(needs, n => Assert.Equal("libstdc++.so.6", n.File));
        Assert.Equal([2, 3], needs.Select(n => (int)n.Index));
        Assert.All(needs, n => Assert.False(n.IsWeak));
    }

    [Fact]
    public void MarksOnlyTheMissingUnusedVersionWeak()
    {
        var elf = SyntheticElf.Needing(1); // only sym_a (GLIBCXX_3.4) is relocated
        var before = (byte[])elf.Clone();
        var changed = ElfVersions.RelaxMissing(elf, "t.so", "libstdc++.so.6", Gcc12);
        Assert.Equal(["GLIBCXX_3.4.32"], changed);
        var needs = ElfVersions.ReadNeeds(elf, "t.so");
        Assert.False(needs[0].IsWeak);
        Assert.True(needs[1].IsWeak);
        // exactly one byte differs: the low byte of vna_flags of the GLIBCXX_3.4.32 record, 0 -> 2
        var diff = Enumerable.Range(0, elf.Length).Where(i => elf[i] != before[i]).ToArray();
        Assert.Single(diff);
        Assert.Equal(needs[1].AuxOffset + 4, diff[0]);
        Assert.Equal(2, elf[diff[0]]);
    }

    [Fact]
    public void RefusesWhenARelocationNeedsTheMissingVersion()
    {
        var elf = SyntheticElf.Needing(1, 2); // sym_b is bound to GLIBCXX_3.4.32 and relocated
        var before = (byte[])elf.Clone();
        var e = Assert.Throws<InvalidOperationException>(() => ElfVersions.RelaxMissing(elf, "t.so", "libstdc++.so.6", Gcc12));
        Assert.Contains("GLIBCXX_3.4.32", e.Message);
        Assert.Equal(before, elf);
    }

    [Fact]
    public void DoesNothingWhenTheSystemHasEveryVersion()
    {
        var elf = SyntheticElf.Needing(1, 2);
        var before = (byte[])elf.Clone();
        var changed = ElfVersions.RelaxMissing(elf, "t.so", "libstdc++.so.6", [.. Gcc12, "GLIBCXX_3.4.32"]);
        Assert.Empty(changed);
        Assert.Equal(before, elf);
    }

    [Fact]
    public void ReadsVersionDefinitions()
    {
        var defs = ElfVersions.ReadDefinitions(SyntheticElf.Defining("libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.30"), "s.so");
        Assert.Equal(new HashSet<string> { "libstdc++.so.6", "GLIBCXX_3.4", "GLIBCXX_3.4.30" }, defs);
    }

    [Fact]
    public void ElfHashMatchesTheGabiExample()
    {
        // values from the hash function of the System V gABI, computed by hand for short names
        Assert.Equal(0x00000061u, SyntheticElf.ElfHash("a"));
        Assert.Equal(0x00000672u, SyntheticElf.ElfHash("ab"));
    }

    [Fact]
    public void RejectsFilesThatAreNotElfOrAreTruncated()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersions.ReadNeeds("not an elf file at all, just text........................................"u8.ToArray(), "x"));
        var elf = SyntheticElf.Needing(1);
        for (int cut = 0; cut < elf.Length; cut += 37)
        {
            var part = elf[..cut];
            try { ElfVersions.ReadNeeds(part, "x"); }
            catch (InvalidDataException) { }
        }
    }

    /// <summary>
    /// The real TorchSharp library in this test's output folder: the build must have left it loadable
    /// here. If the system libstdc++ lacks GLIBCXX_3.4.32 (Debian 12), the reference must be weak;
    /// otherwise the file must be untouched (byte-identical to the package's).
    /// </summary>
    [LinuxFact]
    public void BuildOutputCopyIsRelaxedExactlyWhenTheSystemNeedsIt()
    {
        string lib = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        Assert.True(File.Exists(lib), $"{lib} missing from the test output");
        var needs = ElfVersions.ReadNeeds(File.ReadAllBytes(lib), lib);
        var n3432 = needs.Single(n => n.Name == "GLIBCXX_3.4.32");
        string? sys = ElfVersions.FindSystemLibStdCxx();
        Assert.NotNull(sys);
        bool systemHasIt = ElfVersions.ReadDefinitions(File.ReadAllBytes(sys!), sys!).Contains("GLIBCXX_3.4.32");
        Assert.Equal(!systemHasIt, n3432.IsWeak);
        // every other reference keeps its original flags
        Assert.All(needs.Where(n => n.Name != "GLIBCXX_3.4.32"), n => Assert.False(n.IsWeak));
    }
}
