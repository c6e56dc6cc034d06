using System.Text;
using Mrh.Patches;
using Mrh.Tests.Imaging;

namespace Mrh.Tests.Patches;

public class MatPatchFileTests
{
    [Fact]
    public void ReadsMatlabColumnMajorPatchesIntoRowMajorArrays()
    {
        // fixture made by h5py with a MATLAB-style 512-byte user block (see Fixtures/README.md):
        // data(i,j,c,n) = 1000n + 100c + 10i + j and label(i,j,n) = -(100n + 10i + j), 0-based, i = row
        var p = MatPatchFile.Read(Fixtures.Path("patches_v73.mat"));
        Assert.Equal((5, 4, 3), (p.Count, p.Channels, p.Size));
        for (int n = 0; n < 5; n++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    for (int c = 0; c < 4; c++) Assert.Equal(1000 * n + 100 * c + 10 * i + j, p.Inputs[((n * 4 + c) * 3 + i) * 3 + j]);
                    Assert.Equal(-(100 * n + 10 * i + j), p.Targets[(n * 3 + i) * 3 + j]);
                }
        // layout [N][C][row][column]: the second value of patch 0 is row 0, column 1
        Assert.Equal(1f, p.Inputs[1]);
        Assert.Equal(10f, p.Inputs[3]);
        Assert.Equal(["patches_v73"], p.Subjects);
        var sub = p.Select([4, 0]);
        Assert.Equal(4000f, sub.Inputs[0]);
        Assert.Equal(-1f, sub.Targets[9 + 1]); // patch 1 (was 0), row 0, column 1
    }

    [Fact]
    public void AnOlderMatFileIsRefusedWithAHint()
    {
        using var dir = new TempDir();
        var bytes = new byte[600];
        Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, Platform: PCWIN64").CopyTo(bytes, 0);
        File.WriteAllBytes(dir.File("old.mat"), bytes);
        var e = Assert.Throws<MrhException>(() => MatPatchFile.Read(dir.File("old.mat")));
        Assert.Contains("old.mat", e.Message);
        Assert.Contains("-v7.3", e.Message);
        File.WriteAllBytes(dir.File("junk.mat"), new byte[100]);
        Assert.Contains("not an HDF5 file", Assert.Throws<MrhException>(() => MatPatchFile.Read(dir.File("junk.mat"))).Message);
    }

    [Fact]
    public void MissingVariableAndCorruptFile()
    {
        var e = Assert.Throws<MrhException>(() => MatPatchFile.Read(Fixtures.Path("patches_v73.mat"), dataName: "inputs"));
        Assert.Contains("no variable 'inputs'", e.Message);
        using var dir = new TempDir();
        var bytes = File.ReadAllBytes(Fixtures.Path("patches_v73.mat"));
        File.WriteAllBytes(dir.File("cut.mat"), bytes[..700]);
        var cut = Assert.Throws<MrhException>(() => MatPatchFile.Read(dir.File("cut.mat")));
        Assert.Contains("cut.mat", cut.Message);
        Assert.DoesNotContain('\n', cut.Message);
    }
}
