using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Mrh.Imaging;

namespace Mrh.Tests.Imaging;

/// <summary>
/// Random and mutated headers: reading must either succeed with a consistent volume or raise
/// <see cref="MrhException"/>; never another exception, never a hang, never allocating much more than
/// the file could hold. Fixed seed, bounded number of cases.
/// </summary>
public class HeaderFuzzTests
{
    const int Seed = 20240601;
    const int Cases = 1500;

    sealed record Sample(string Name, byte[] Bytes, byte[]? Partner);

    static List<Sample> Seeds()
    {
        var seeds = new List<Sample>();
        var floats = Raw.Float32(false, Enumerable.Range(0, 4 * 3 * 2 * 2).Select(i => i * 0.5f).ToArray());
        var nii = new HandHeader(false).Dims(4, 3, 2, 2).Type(16, 32).PixDim(1, 0.5f, 0.5f, 1).VoxOffset(352)
            .Scale(1, 0).QformCode(1).SformCode(1).Quatern(0, 0, 0, 1, 2, 3).Srow(0.5f, 0, 0, 1, 0, 0.5f, 0, 2, 0, 0, 1, 3).Magic("n+1");
        seeds.Add(new("a.nii", [.. nii.Bytes, 0, 0, 0, 0, .. floats], null));
        using (var ms = new MemoryStream())
        {
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write([.. nii.Bytes, 0, 0, 0, 0, .. floats]);
            seeds.Add(new("b.nii.gz", ms.ToArray(), null));
        }
        var analyze = new HandHeader(true).Dims(5, 4, 3).Type(4, 16).PixDim(0, 1, 1, 1).F32(112, 2).SpmOrigin(2, 2, 2);
        seeds.Add(new("c.hdr", analyze.Bytes, Raw.Int16(true, Enumerable.Range(0, 60).Select(i => (short)(i * 100 - 3000)).ToArray())));
        seeds.Add(new("d.nrrd", [.. Encoding.ASCII.GetBytes("NRRD0004\ntype: short\ndimension: 3\nspace: left-posterior-superior\nsizes: 4 3 2\nspace directions: (1,0,0) (0,1,0) (0,0,1)\nkinds: domain domain domain\nendian: big\nencoding: raw\nspace origin: (0,0,0)\n\n"), .. Raw.Int16(true, new short[24])], null));
        using (var ms = new MemoryStream())
        {
            ms.Write(Encoding.ASCII.GetBytes("NRRD0005\ntype: float\ndimension: 4\nsizes: 2 4 3 2\nkinds: vector domain domain domain\nspacings: nan 1 1 1\nendian: little\nencoding: gzip\n\n"));
            using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(Raw.Float32(false, new float[48]));
            seeds.Add(new("e.nrrd", ms.ToArray(), null));
        }
        return seeds;
    }

    // header offsets of NIfTI fields worth hitting with extreme values
    static readonly int[] ShortFields = [40, 42, 44, 46, 48, 50, 52, 54, 70, 72, 252, 254];
    static readonly int[] FloatFields = [76, 80, 84, 88, 108, 112, 116, 256, 260, 264, 268, 280, 284, 296, 312];
    static readonly short[] ExtremeShorts = [0, -1, 1, 2, 3, 4, 7, 8, 16, 32, 64, 128, 256, 512, 768, 1024, short.MaxValue, short.MinValue, 348];
    static readonly float[] ExtremeFloats = [0, -1, 1, 352, 348, 1e30f, -1e30f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-40f, 3.5e9f, 351.5f];

    static byte[] Mutate(byte[] b, Random r, bool text)
    {
        var m = (byte[])b.Clone();
        switch (r.Next(text ? 6 : 8))
        {
            case 0: // flip random bytes in the header region
                int region = Math.Min(m.Length, text ? 260 : 352);
                for (int k = r.Next(1, 6); k > 0; k--) m[r.Next(region)] = (byte)r.Next(256);
                return m;
            case 1: // truncate
                return m[..r.Next(m.Length)];
            case 2: // append garbage
                var extra = new byte[r.Next(1, 200)];
                r.NextBytes(extra);
                return [.. m, .. extra];
            case 3: // completely random content
                var rnd = new byte[r.Next(0, 1200)];
                r.NextBytes(rnd);
                return rnd;
            case 4: // random bytes after a valid start
                int keep = r.Next(m.Length);
                var tail = new byte[m.Length - keep];
                r.NextBytes(tail);
                tail.CopyTo(m, keep);
                return m;
            case 5 when text: // replace a number in the text header with an extreme one
                {
                    string s = Encoding.Latin1.GetString(m);
                    int end = s.IndexOf("\n\n", StringComparison.Ordinal);
                    if (end < 0) return m;
                    string[] numbers = ["0", "-1", "99999999999", "2147483647", "65535", "nan", "-0", "1e308", "(nan,nan,nan)", "none"];
                    var digits = Enumerable.Range(0, end).Where(i => char.IsDigit(s[i])).ToList();
                    if (digits.Count == 0) return m;
                    int at = digits[r.Next(digits.Count)];
                    return Encoding.Latin1.GetBytes(s[..at] + numbers[r.Next(numbers.Length)] + s[(at + 1)..]);
                }
            case 6: // an extreme value in a short field
                {
                    bool big = BitConverter.ToInt32(m, 0) != 348;
                    short v = ExtremeShorts[r.Next(ExtremeShorts.Length)];
                    int at = ShortFields[r.Next(ShortFields.Length)];
                    var bytes = BitConverter.GetBytes(v);
                    if (big) Array.Reverse(bytes);
                    if (at + 2 <= m.Length) bytes.CopyTo(m, at);
                    return m;
                }
            default: // an extreme value in a float field
                {
                    bool big = BitConverter.ToInt32(m, 0) != 348;
                    float v = ExtremeFloats[r.Next(ExtremeFloats.Length)];
                    int at = FloatFields[r.Next(FloatFields.Length)];
                    var bytes = BitConverter.GetBytes(v);
                    if (big) Array.Reverse(bytes);
                    if (at + 4 <= m.Length) bytes.CopyTo(m, at);
                    return m;
                }
        }
    }

    [Fact]
    public void MutatedAndRandomHeadersNeverCrashHangOrOverAllocate()
    {
        using var dir = new TempDir();
        var seeds = Seeds();
        foreach (var s in seeds) Assert.NotNull(Write(dir, s, s.Bytes, s.Partner)); // every seed is valid as is
        var r = new Random(Seed);
        var clock = Stopwatch.StartNew();
        int accepted = 0, refused = 0;
        for (int i = 0; i < Cases && clock.Elapsed.TotalSeconds < 4; i++)
        {
            var s = seeds[r.Next(seeds.Count)];
            bool text = s.Name.EndsWith(".nrrd");
            byte[] bytes = s.Bytes, partner = s.Partner ?? [];
            // compressed seeds: mutate the decompressed header inside the gzip, or the raw bytes
            if (s.Name.EndsWith(".gz") && r.Next(2) == 0) bytes = Gzip(Mutate(Gunzip(bytes), r, text: false));
            else if (s.Partner is not null && r.Next(4) == 0) partner = Mutate(partner, r, text: false);
            else bytes = Mutate(bytes, r, text);
            long fileBytes = bytes.Length + partner.Length;
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                var v = Write(dir, s, bytes, s.Partner is null ? null : partner);
                Assert.All(v!.Channels, c => Assert.Equal(v.VoxelCount, c.Length));
                accepted++;
            }
            catch (MrhException e)
            {
                Assert.DoesNotContain('\n', e.Message);
                refused++;
            }
            catch (Exception e)
            {
                Assert.Fail($"case {i} ({s.Name}): {e.GetType().Name}: {e.Message}");
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            // floats are at most 4x the stored bytes (uint8 -> float); gzip can expand ~1032x
            long bound = (2 << 20) + fileBytes * 4 * (s.Name.EndsWith(".gz") || text ? 1032 : 1);
            Assert.True(allocated <= bound, $"case {i} ({s.Name}) allocated {allocated:N0} bytes for a {fileBytes:N0}-byte file");
        }
        Assert.True(accepted > 0 && refused > 0, $"accepted {accepted}, refused {refused}");
    }

    static Volume? Write(TempDir dir, Sample s, byte[] bytes, byte[]? partner)
    {
        string path = dir.File(s.Name);
        File.WriteAllBytes(path, bytes);
        if (partner is not null) File.WriteAllBytes(Path.ChangeExtension(path, ".img"), partner);
        return VolumeFile.Read(path);
    }

    static byte[] Gunzip(byte[] b)
    {
        using var gz = new GZipStream(new MemoryStream(b), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    static byte[] Gzip(byte[] b)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(b);
        return ms.ToArray();
    }
}
