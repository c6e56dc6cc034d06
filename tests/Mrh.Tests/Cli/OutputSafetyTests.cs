using Mrh.Imaging;
using Mrh.IO;

namespace Mrh.Tests.Cli;

/// <summary>
/// The defects found by trying bad input (issue 17, items 1-5), each reproduced through `mrh` as a user runs it:
/// an output equal to an input, two outputs on one file, leftover temporary files, half-written Analyze pairs,
/// and NaN/Inf in `evaluate`.
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-out-" + Guid.NewGuid().ToString("N"));

    public OutputSafetyTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    string P(string name) => Path.Combine(_dir, name);

    static Volume Small(float offset = 0) =>
        Volume.FromArray(Volume.Zeros(12, 12, 3), Enumerable.Range(0, 12 * 12 * 3).Select(i => i * 0.5f + offset).ToArray());

    string WriteVolume(string name, Volume? v = null)
    {
        VolumeFile.Write(v ?? Small(), P(name));
        return P(name);
    }

    static void AssertRefused((int Code, string Out, string Err) r, string contains)
    {
        Assert.Equal(2, r.Code);
        Assert.Contains(contains, r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", r.Err);
    }

    // 1. an output equal to an input is refused before any work, and the input keeps its bytes
    [Fact]
    public void PredictRefusesAnOutputThatIsItsMriOrMask()
    {
        string mri = WriteVolume("mri.nii"), mask = WriteVolume("mask.nii.gz");
        var before = File.ReadAllBytes(mri);
        var beforeMask = File.ReadAllBytes(mask);
        string model = P("no-model-needed"); // the check comes before the model is read
        AssertRefused(CliHarness.Run("predict", "--model", model, "--mri", mri, "--out", mri), "would overwrite the input given as --mri");
        AssertRefused(CliHarness.Run("predict", "--model", model, "--mri", mri, "--mask", mask, "--out", mask), "would overwrite the input given as --mask");
        // the same file by another spelling
        string other = Path.Combine(_dir, ".", "sub", "..", "mri.nii");
        Directory.CreateDirectory(P("sub"));
        AssertRefused(CliHarness.Run("predict", "--model", model, "--mri", mri, "--out", other), "would overwrite the input");
        Assert.Equal(before, File.ReadAllBytes(mri));
        Assert.Equal(beforeMask, File.ReadAllBytes(mask));
    }

    [Fact]
    public void PredictRefusesAnOutputThatIsALinkToItsInput()
    {
        string mri = WriteVolume("mri.nii");
        string link = P("link.nii");
        File.CreateSymbolicLink(link, mri);
        AssertRefused(CliHarness.Run("predict", "--model", P("m"), "--mri", mri, "--out", link), "would overwrite the input given as --mri");
    }

    // 2. --features and --out on one file
    [Fact]
    public void PredictRefusesFeaturesAndOutOnOneFile()
    {
        string mri = WriteVolume("mri.nii");
        AssertRefused(CliHarness.Run("predict", "--model", P("m"), "--mri", mri, "--out", P("x.nii.gz"), "--features", P("x.nii.gz")),
            "--features and --out name the same file");
        Assert.False(File.Exists(P("x.nii.gz")));
    }

    [Fact]
    public void VolumeConvertRefusesToOverwriteItsInputOrTheOtherHalfOfItsPair()
    {
        string nii = WriteVolume("in.nii");
        var before = File.ReadAllBytes(nii);
        AssertRefused(CliHarness.Run("volume", "convert", nii, nii), "would overwrite the input given as IN");
        Assert.Equal(before, File.ReadAllBytes(nii));
        VolumeFile.Write(Small(), P("pair.hdr"));
        var img = File.ReadAllBytes(P("pair.img"));
        // writing pair.hdr rewrites pair.img too: the input's data file
        AssertRefused(CliHarness.Run("volume", "convert", P("pair.img"), P("pair.hdr")), "would overwrite the input given as IN");
        Assert.Equal(img, File.ReadAllBytes(P("pair.img")));
        AssertRefused(CliHarness.Run("volume", "convert", nii, P("out.txt")), "must end in .nii or .nii.gz or .hdr or .img");
    }

    [Fact]
    public void ReproduceRefusesToWriteIntoTheNotebooksFolder()
    {
        string notebooks = P("notebooks");
        Directory.CreateDirectory(notebooks);
        File.WriteAllText(Path.Combine(notebooks, "01-x.ipynb"), "{}");
        AssertRefused(CliHarness.Run("reproduce", "--preset", "smoke", "--notebooks", notebooks, "--out", notebooks), "refusing to write into an input folder");
        Assert.Equal("{}", File.ReadAllText(Path.Combine(notebooks, "01-x.ipynb")));
        Assert.Single(Directory.GetFileSystemEntries(notebooks));
    }

    // 3. temporary files: stale ones of a dead process are removed by the next write; a cancelled write removes its own
    [Fact]
    public void StaleTemporaryFilesOfAnEndedProcessAreRemovedByTheNextWrite()
    {
        int dead = DeadProcessId();
        string stale = P($".a.nii.mrh-{dead}-{Guid.NewGuid():N}.tmp");
        string staleOld = P($".a.hdr.mrh-old-{dead}-{Guid.NewGuid():N}.tmp");
        string foreign = P(".someone-else.tmp");
        string live = P($".b.nii.mrh-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
        foreach (var f in new[] { stale, staleOld, foreign, live }) File.WriteAllText(f, "x");
        Assert.True(AtomicFile.IsTemporaryName(Path.GetFileName(stale)));
        Assert.False(AtomicFile.IsTemporaryName(Path.GetFileName(foreign)));

        var r = CliHarness.Run("volume", "convert", WriteVolume("in.nii"), P("out.nii.gz"));
        Assert.Equal(0, r.Code);
        Assert.False(File.Exists(stale));
        Assert.False(File.Exists(staleOld));
        Assert.True(File.Exists(foreign));   // not ours
        Assert.True(File.Exists(live));      // this process is alive
    }

    static int DeadProcessId()
    {
        using var p = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true"))!;
        p.WaitForExit();
        return p.Id;
    }

    // 4. an Analyze pair is written all or nothing
    [Fact]
    public void AnalyzePairIsAllOrNothingWhenTheSecondFileFails()
    {
        VolumeFile.Write(Small(1), P("pair.hdr"));
        var oldImg = File.ReadAllBytes(P("pair.img"));
        var oldHdr = File.ReadAllBytes(P("pair.hdr"));
        // the second file's content fails: nothing is replaced
        Assert.Throws<InvalidOperationException>(() => AtomicFile.WriteAll(
        [
            (P("pair.img"), s => s.Write(new byte[] { 9, 9, 9 })),
            (P("pair.hdr"), _ => throw new InvalidOperationException("disk full")),
        ]));
        Assert.Equal(oldImg, File.ReadAllBytes(P("pair.img")));
        Assert.Equal(oldHdr, File.ReadAllBytes(P("pair.hdr")));
        // the second rename fails (its target became a non-empty folder while the pair was being written): the .img
        // already renamed gets its old content back
        File.Delete(P("new.hdr"));
        File.WriteAllBytes(P("new.img"), [1, 2, 3]);
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAll(
        [
            (P("new.img"), s => s.Write(new byte[] { 7, 7 })),
            (P("new.hdr"), s =>
            {
                s.WriteByte(5);
                Directory.CreateDirectory(P("new.hdr"));
                File.WriteAllText(Path.Combine(P("new.hdr"), "x"), "x");
            }),
        ]));
        Assert.Equal([1, 2, 3], File.ReadAllBytes(P("new.img")));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void VolumeConvertToAnAnalyzePairWhoseHeaderIsAFolderChangesNothing()
    {
        string nii = WriteVolume("in.nii");
        File.WriteAllBytes(P("out.img"), [4, 5, 6]);
        Directory.CreateDirectory(P("out.hdr"));
        AssertRefused(CliHarness.Run("volume", "convert", nii, P("out.img")), "is a folder");
        Assert.Equal([4, 5, 6], File.ReadAllBytes(P("out.img")));
    }

    // 5. evaluate: NaN / Inf are refused with their count, in every metric's region
    [Fact]
    public void EvaluateRefusesNaNInThePredictionWithItsCount()
    {
        var reference = Small();
        var data = (float[])reference.Channels[0].Clone();
        data[5] = float.NaN; data[200] = float.NaN; data[300] = float.NaN;
        string pred = WriteVolume("pred.nii", Volume.FromArray(reference, data));
        string refPath = WriteVolume("ref.nii", reference);
        var r = CliHarness.Run("evaluate", "--pred", pred, "--ref", refPath);
        AssertRefused(r, "the prediction has 3 voxels that are not finite (3 NaN, 0 infinite; 3 inside the mask)");
        Assert.Equal("", r.Out);
    }

    [Fact]
    public void EvaluateRefusesNaNOutsideTheMaskInASectionThatSsimCompares()
    {
        var reference = Small();
        var data = (float[])reference.Channels[0].Clone();
        data[reference.Index(0, 5, 0)] = float.NaN; // outside the mask, in a section that meets it (SSIM compares it)
        string pred = WriteVolume("pred.nii", Volume.FromArray(reference, data));
        string refPath = WriteVolume("ref.nii", reference);
        var mask = new float[data.Length];
        for (int y = 4; y < 8; y++) for (int x = 4; x < 8; x++) for (int z = 0; z < 3; z++) mask[reference.Index(x, y, z)] = 1;
        string maskPath = WriteVolume("mask.nii", Volume.FromArray(reference, mask));
        var r = CliHarness.Run("evaluate", "--pred", pred, "--ref", refPath, "--mask", maskPath, "--plane", "horizontal");
        AssertRefused(r, "0 inside the mask");
    }

    [Fact]
    public void EvaluateRefusesInfinityInTheReferenceNamingIt()
    {
        var reference = Small();
        var data = (float[])reference.Channels[0].Clone();
        data[17] = float.PositiveInfinity;
        string pred = WriteVolume("pred.nii", reference);
        string refPath = WriteVolume("ref.nii", Volume.FromArray(reference, data));
        var r = CliHarness.Run("evaluate", "--pred", pred, "--ref", refPath);
        AssertRefused(r, "the reference has 1 voxels that are not finite (0 NaN, 1 infinite");
        Assert.DoesNotContain("constant", r.Err);
    }

    // user errors and bugs: a bug is reported as one, with the trace in a file
    [Fact]
    public void AnInternalErrorIsReportedAsABugWithItsTraceFile()
    {
        var e = new StringWriter();
        var command = new ThrowingCommand();
        int code = new Mrh.Cli.Framework.CommandLine([command]).Run(["boom"], new Mrh.Cli.Framework.CliContext(new StringWriter(), e, false));
        Assert.Equal(1, code);
        string line = e.ToString().Trim();
        Assert.Single(line.Split('\n'));
        Assert.StartsWith("mrh: internal error", line);
        Assert.Contains("ArgumentOutOfRangeException", line);
        int at = line.IndexOf("(trace written to ", StringComparison.Ordinal);
        Assert.True(at > 0, line);
        string file = line[(at + "(trace written to ".Length)..^1];
        try
        {
            Assert.Contains("ThrowingCommand.Run", File.ReadAllText(file));
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void AMissingNativeLibraryIsAnInstallationErrorNotABug()
    {
        var e = new StringWriter();
        var command = new ThrowingCommand(() => new TypeInitializationException("TorchSharp.torch",
            new DllNotFoundException("Unable to load shared library 'LibTorchSharp' or one of its dependencies")));
        int code = new Mrh.Cli.Framework.CommandLine([command]).Run(["boom"], new Mrh.Cli.Framework.CliContext(new StringWriter(), e, false));
        Assert.Equal(2, code);
        string line = e.ToString().Trim();
        Assert.Single(line.Split('\n'));
        Assert.StartsWith("mrh: error: a native library could not be loaded (Unable to load shared library 'LibTorchSharp'", line);
        Assert.Contains("mrh doctor", line);
        Assert.DoesNotContain("internal error", line);
    }

    sealed class ThrowingCommand(Func<Exception>? error = null) : Mrh.Cli.Framework.CliCommand
    {
        public override string Name => "boom";
        public override string Summary => "throws a bug";
        public override int Run(Mrh.Cli.Framework.ParsedArgs args, Mrh.Cli.Framework.CliContext context) =>
            throw error?.Invoke() ?? new ArgumentOutOfRangeException(nameof(args), "index 7 outside 0..3");
    }
}
