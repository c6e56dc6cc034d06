using System.IO.Compression;
using System.Text;
using Mrh.Imaging;

namespace Mrh.Tests.Imaging;

/// <summary>Every refusal is one line that names the file and says what is wrong.</summary>
public class BadInputTests
{
    static MrhException Refused(string path, string expectedWords)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<MrhException>(() => VolumeFile.Read(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 0, 4 << 20); // refused before allocating voxel memory
        Assert.Contains(Path.GetFileName(path).Split('.')[0], e.Message);
        Assert.Contains(expectedWords, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    static HandHeader Valid() => new HandHeader(false).Dims(4, 4, 4).Type(16, 32).PixDim(1, 1, 1, 1).VoxOffset(352).Magic("n+1");

    [Fact]
    public void TruncatedData()
    {
        using var dir = new TempDir();
        Valid().WriteNii(dir.File("trunc.nii"), new byte[4 * 4 * 4 * 4 - 1]);
        Refused(dir.File("trunc.nii"), "truncated");
    }

    [Fact]
    public void FileShorterThanAHeader()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("short.nii"), Valid().Bytes[..200]);
        Refused(dir.File("short.nii"), "truncated");
    }

    [Fact]
    public void WrongMagic()
    {
        using var dir = new TempDir();
        Valid().Magic("n+2").WriteNii(dir.File("magic.nii"), new byte[256]);
        Refused(dir.File("magic.nii"), "wrong magic");
        Valid().Magic("ni1").WriteNii(dir.File("pairmagic.nii"), new byte[256]);
        Refused(dir.File("pairmagic.nii"), "pair");
    }

    [Fact]
    public void NotAHeaderAtAll()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("text.nii"), Encoding.ASCII.GetBytes(new string('x', 600)));
        Refused(dir.File("text.nii"), "not a NIfTI-1");
        var nifti2 = new byte[600];
        BitConverter.GetBytes(540).CopyTo(nifti2, 0);
        File.WriteAllBytes(dir.File("two.nii"), nifti2);
        Refused(dir.File("two.nii"), "NIfTI-2");
    }

    [Fact]
    public void HeaderClaimingTerabytesIsRefusedBeforeAllocating()
    {
        using var dir = new TempDir();
        // 32767^3 voxels x 32767 volumes of float64: ~2.8e18 values
        new HandHeader(false).Dims(32767, 32767, 32767, 32767).Type(64, 64).VoxOffset(352).Magic("n+1")
            .WriteNii(dir.File("huge.nii"), new byte[64]);
        Refused(dir.File("huge.nii"), "more than");
        // within the memory cap, but far more than the file holds
        new HandHeader(false).Dims(1000, 1000, 100).Type(16, 32).VoxOffset(352).Magic("n+1")
            .WriteNii(dir.File("big.nii"), new byte[64]);
        Refused(dir.File("big.nii"), "truncated");
        // the same as gzip: 64 bytes of gzip cannot expand to 400 MB
        using (var fs = File.Create(dir.File("bomb.nii.gz")))
        using (var gz = new GZipStream(fs, CompressionLevel.Fastest))
        {
            var h = new HandHeader(false).Dims(1000, 1000, 100).Type(16, 32).VoxOffset(352).Magic("n+1");
            gz.Write(h.Bytes); gz.Write(new byte[4 + 64]);
        }
        Refused(dir.File("bomb.nii.gz"), "more than");
    }

    [Theory]
    [InlineData(32, "complex64")]
    [InlineData(128, "rgb24")]
    [InlineData(1024, "int64")]
    [InlineData(3, "code 3")]
    public void UnsupportedDataTypes(short code, string name)
    {
        using var dir = new TempDir();
        Valid().Type(code, 8).WriteNii(dir.File("dtype.nii"), new byte[2048]);
        var e = Refused(dir.File("dtype.nii"), "unsupported data type");
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void BitpixThatContradictsTheDataType()
    {
        using var dir = new TempDir();
        Valid().Type(16, 16).WriteNii(dir.File("bitpix.nii"), new byte[256]);
        Refused(dir.File("bitpix.nii"), "bitpix 16");
    }

    [Fact]
    public void ImpossibleDims()
    {
        using var dir = new TempDir();
        Valid().I16(40, 9).WriteNii(dir.File("dim0.nii"), new byte[256]);
        Refused(dir.File("dim0.nii"), "dim[0] = 9");
        Valid().I16(44, -3).WriteNii(dir.File("negdim.nii"), new byte[256]);
        Refused(dir.File("negdim.nii"), "dim[2] = -3");
        Valid().VoxOffset(float.NaN).WriteNii(dir.File("nanoffset.nii"), new byte[256]);
        Refused(dir.File("nanoffset.nii"), "vox_offset");
        Valid().VoxOffset(100).WriteNii(dir.File("inside.nii"), new byte[256]);
        Refused(dir.File("inside.nii"), "inside the header");
    }

    [Fact]
    public void GzipThatIsNotGzip()
    {
        using var dir = new TempDir();
        Valid().WriteNii(dir.File("plain.nii.gz"), new byte[256]);
        Refused(dir.File("plain.nii.gz"), "not gzip");
        // a gzip-compressed file named .nii
        using (var fs = File.Create(dir.File("zipped.nii")))
        using (var gz = new GZipStream(fs, CompressionLevel.Fastest)) gz.Write(new byte[600]);
        Refused(dir.File("zipped.nii"), ".nii.gz");
    }

    [Fact]
    public void CorruptAndTruncatedGzip()
    {
        using var dir = new TempDir();
        using (var ms = new MemoryStream())
        {
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
            {
                gz.Write(Valid().Bytes); gz.Write(new byte[4]);
                gz.Write(Raw.Float32(false, Enumerable.Range(0, 64).Select(i => (float)Math.Sin(i)).ToArray()));
            }
            var whole = ms.ToArray();
            File.WriteAllBytes(dir.File("cut.nii.gz"), whole[..(whole.Length - 60)]);
            var corrupt = (byte[])whole.Clone();
            for (int i = 10; i < corrupt.Length - 8; i++) corrupt[i] ^= 0x5A;
            File.WriteAllBytes(dir.File("corrupt.nii.gz"), corrupt);
        }
        Refused(dir.File("cut.nii.gz"), "truncated");
        var e = Assert.Throws<MrhException>(() => VolumeFile.Read(dir.File("corrupt.nii.gz")));
        Assert.Contains("corrupt.nii.gz", e.Message);
    }

    [Fact]
    public void MismatchedHdrAndImgSizes()
    {
        using var dir = new TempDir();
        var h = new HandHeader(false).Dims(4, 4, 4).Type(2, 8);
        h.WritePair(dir.File("small.hdr"), new byte[63]);
        Refused(dir.File("small.hdr"), "truncated");
        h.WritePair(dir.File("large.hdr"), new byte[65]);
        Refused(dir.File("large.img"), "size mismatch");
        File.WriteAllBytes(dir.File("lonely.hdr"), h.Bytes);
        Refused(dir.File("lonely.hdr"), "not found");
        File.WriteAllBytes(dir.File("orphan.img"), new byte[64]);
        Refused(dir.File("orphan.img"), "not found");
    }

    [Fact]
    public void UnknownExtensionAndMissingFile()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("image.png"), "x");
        Refused(dir.File("image.png"), "unknown volume file type");
        Refused(dir.File("absent.nii"), "not found");
    }

    [Theory]
    [InlineData("NRRX0004\ntype: short\n\n", "not a NRRD")]
    [InlineData("NRRD0004\ndimension: 3\nsizes: 2 2 2\nencoding: raw\n\n", "'type'")]
    [InlineData("NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 2\nendian: little\nencoding: bzip2\n\n", "bzip2")]
    [InlineData("NRRD0004\ntype: complex\ndimension: 3\nsizes: 2 2 2\nencoding: raw\n\n", "unsupported NRRD type")]
    [InlineData("NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2\nendian: little\nencoding: raw\n\n", "sizes")]
    [InlineData("NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 2\nencoding: raw\n\n", "'endian'")]
    [InlineData("NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 2\nendian: little\nencoding: raw\n\nabc", "truncated")]
    [InlineData("NRRD0004\ntype: short\ndimension: 3\nsizes: 2 2 2\nendian: little\nencoding: gzip\n\nnot gzip at all", "not gzip")]
    [InlineData("NRRD0004\ntype: uchar\ndimension: 3\nsizes: 100000 100000 100000\nencoding: raw\n\nabc", "more than")]
    [InlineData("NRRD0004\ntype: uchar\ndimension: 5\nsizes: 1 1 1 1 1\nencoding: raw\n\nabc", "dimension 5")]
    [InlineData("NRRD0004\ntype: uchar\ndimension: 3\nsizes: 1 1 1\nencoding: raw\nspace directions: (1,0,0) (0,1,0\n\nabc", "parenthesis")]
    public void BadNrrd(string content, string words)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("bad.nrrd"), Encoding.Latin1.GetBytes(content));
        Refused(dir.File("bad.nrrd"), words);
    }

    [Fact]
    public void Uint32LabelsBeyondFloatPrecisionAreRefused()
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("labels.nrrd"), [.. "NRRD0004\ntype: uint\ndimension: 1\nsizes: 2\nendian: little\nencoding: raw\n\n"u8, .. Raw.Int32(false, 5, 182305712)]);
        Refused(dir.File("labels.nrrd"), "2^24");
        File.WriteAllBytes(dir.File("small.nrrd"), [.. "NRRD0004\ntype: uint\ndimension: 1\nsizes: 2\nendian: little\nencoding: raw\n\n"u8, .. Raw.Int32(false, 5, 16777216)]);
        Assert.Equal([5f, 16777216f], VolumeFile.Read(dir.File("small.nrrd")).Channels[0]);
    }
}
