using Mrh.Imaging;

namespace Mrh.Tests.Imaging;

/// <summary>
/// Our NIfTI-1 and Analyze 7.5 writer against the bytes nibabel writes for the same volume (Fixtures/
/// make_writer_fixtures.py): every header byte and every data byte must be nibabel's, except the fields where
/// the two tools make different, equally valid choices (Analyze's unused pixdim[0]), listed here with the values each writes.
/// </summary>
public sealed class WriterBytesTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-writer-" + Guid.NewGuid().ToString("N"));

    public WriterBytesTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    /// <summary>The fixture's volume: value(x, y, z) = 0.5 (x + 4y + 12z) - 1, 0.5 x 0.25 x 2 mm, offset (-1, 2, 3).</summary>
    static Volume FixtureVolume()
    {
        var data = new float[24];
        for (int z = 0; z < 2; z++) for (int y = 0; y < 3; y++) for (int x = 0; x < 4; x++)
            data[x + 4 * (y + 3 * z)] = 0.5f * (x + 4 * y + 12 * z) - 1;
        return new Volume(4, 3, 2, [data], [0.5, 0.25, 2], [0.5, 0, 0, -1, 0, 0.25, 0, 2, 0, 0, 2, 3, 0, 0, 0, 1]);
    }

    static List<int> Differences(byte[] ours, byte[] theirs) =>
        Enumerable.Range(0, Math.Max(ours.Length, theirs.Length)).Where(i => i >= ours.Length || i >= theirs.Length || ours[i] != theirs[i]).ToList();

    [Fact]
    public void NiftiBytesAreNibabels()
    {
        string path = Path.Combine(_dir, "ours.nii");
        VolumeFile.Write(FixtureVolume(), path);
        var ours = File.ReadAllBytes(path);
        var theirs = File.ReadAllBytes(Fixtures.Path("writer_nibabel_float32.nii"));
        Assert.Equal(352 + 96, theirs.Length); // 348-byte header, 4 extension bytes, 24 float32 values
        var diff = Differences(ours, theirs);
        Assert.True(diff.Count == 0, "differing bytes at " + string.Join(", ", diff));
    }

    [Fact]
    public void AnalyzePairBytesAreNibabels()
    {
        string path = Path.Combine(_dir, "ours.hdr");
        VolumeFile.WriteAnalyze(FixtureVolume(), path);
        var hdr = File.ReadAllBytes(path);
        var theirsHdr = File.ReadAllBytes(Fixtures.Path("writer_nibabel_analyze.hdr"));
        Assert.Equal(348, hdr.Length);
        // pixdim[0] (offset 76): unused by Analyze 7.5; nibabel writes 1, we write 0
        Assert.Equal(0f, BitConverter.ToSingle(hdr, 76));
        Assert.Equal(1f, BitConverter.ToSingle(theirsHdr, 76));
        var diff = Differences(hdr, theirsHdr).Where(i => i is < 76 or >= 80).ToList();
        Assert.True(diff.Count == 0, "differing header bytes at " + string.Join(", ", diff));
        Assert.Equal(File.ReadAllBytes(Fixtures.Path("writer_nibabel_analyze.img")), File.ReadAllBytes(Path.ChangeExtension(path, ".img")));
    }
}
