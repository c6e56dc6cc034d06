using Mrh.Data;
using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Phantom;

/// <summary>Configuration, determinism, anatomy sanity, cache and file format.</summary>
[Collection("phantom")]
public class GeneratorTests(PhantomFixture fx)
{
    [Fact]
    public void PresetsSetTheGrid()
    {
        var smoke = PhantomConfig.For(Preset.Smoke).Grid;
        var quick = PhantomConfig.For(Preset.Quick).Grid;
        var paper = PhantomConfig.For(Preset.Paper).Grid;
        Assert.Equal(0.3, smoke.Spacing); Assert.Equal(0.1, quick.Spacing); Assert.Equal(0.06, paper.Spacing);
        Assert.InRange(paper.NX, 165, 180); Assert.InRange(paper.NY, 110, 120); Assert.InRange(paper.NZ, 215, 230);
    }

    [Fact]
    public void AtlasHasAllStructuresInPlausiblePlaces()
    {
        var atlas = fx.Study.Atlas();
        var counts = new int[16];
        foreach (var l in atlas.Labels) counts[l]++;
        foreach (var label in StructureNames.All) Assert.True(counts[(int)label] > 0, $"{label.Name()} is missing");
        // brain size ~10 x 6.4 x 13 mm
        var g = atlas.Grid;
        double volume = atlas.Inside.Sum(v => (double)v) * Math.Pow(g.Spacing, 3);
        Assert.InRange(volume, 360, 560); // mm³ (adult mouse brain ~420-500 mm³; fixed tissue shrinks)
        // anterior to posterior: olfactory bulb, striatum, thalamus, cerebellum
        double MeanZ(StructureLabel l)
        {
            double s = 0; int n = 0;
            for (int i = 0; i < atlas.Labels.Length; i++) if (atlas.Labels[i] == (byte)l) { s += g.Z(i / (g.NX * g.NY)); n++; }
            return s / n;
        }
        Assert.True(MeanZ(StructureLabel.OlfactoryBulb) < MeanZ(StructureLabel.Striatum));
        Assert.True(MeanZ(StructureLabel.Striatum) < MeanZ(StructureLabel.Thalamus));
        Assert.True(MeanZ(StructureLabel.Thalamus) < MeanZ(StructureLabel.Cerebellum));
    }

    [Fact]
    public void FibreDirectionsFollowTheTracts()
    {
        var atlas = fx.Study.Atlas();
        var g = atlas.Grid;
        // corpus callosum at the midline runs left-right
        int cc = Enumerable.Range(0, atlas.Labels.Length).First(i =>
            atlas.Labels[i] == (byte)StructureLabel.CorpusCallosum && Math.Abs(g.X(i % g.NX)) < 0.2 && Math.Abs(g.Z(i / (g.NX * g.NY)) - 6) < 0.3);
        Assert.True(Math.Abs(atlas.FibreX[cc]) > 0.9, $"callosal fibre direction x = {atlas.FibreX[cc]}");
        for (int i = 0; i < atlas.Labels.Length; i++)
        {
            double n = Math.Sqrt(atlas.FibreX[i] * atlas.FibreX[i] + atlas.FibreY[i] * atlas.FibreY[i] + atlas.FibreZ[i] * atlas.FibreZ[i]);
            Assert.Equal(1, n, 3);
        }
        // axon and myelin are different maps
        var a = atlas.Axon; var m = atlas.Myelin;
        int unmyelinated = PhantomFixture.Count(a.Length, i => atlas.Inside[i] > 0.99f && a[i] > 0.4f && m[i] < 0.1f);
        int myelinRich = PhantomFixture.Count(a.Length, i => atlas.Inside[i] > 0.99f && m[i] > 0.5f && a[i] < 0.45f);
        Assert.True(unmyelinated > 0 && myelinRich > 0, $"unmyelinated {unmyelinated}, myelin-rich {myelinRich}");
    }

    [Fact]
    public void SameSeedGivesIdenticalDataAndAnotherSeedDifferentData()
    {
        var config = PhantomConfig.For(Preset.Smoke);
        var a = new PhantomStudy(config, seed: 11).MriTest.Mri(0);
        var b = new PhantomStudy(config, seed: 11).MriTest.Mri(0);
        var c = new PhantomStudy(config, seed: 12).MriTest.Mri(0);
        for (int ch = 0; ch < a.ChannelCount; ch++) Assert.Equal(a.Channels[ch], b.Channels[ch]);
        Assert.NotEqual(a.Channels[0], c.Channels[0]);
        var h1 = new PhantomStudy(config, seed: 11).AutoFluorescence.Histology(2).Channels[0];
        var h2 = new PhantomStudy(config, seed: 11).AutoFluorescence.Histology(2).Channels[0];
        var h3 = new PhantomStudy(config, seed: 11).AutoFluorescence.Histology(3).Channels[0];
        Assert.Equal(h1, h2);
        Assert.NotEqual(h1, h3);
    }

    [Fact]
    public void MriChannelsFollowTheProtocol()
    {
        var mri = fx.Study.MriTest.Mri(0);
        Assert.Equal(Protocol.Default67().Names, mri.ChannelNames);
        var ogse = fx.Study.Sas4.Mri(0);
        Assert.Equal(42, ogse.ChannelCount);
        Assert.All(mri.Channels, c => Assert.All(c, v => Assert.True(float.IsFinite(v) && v >= 0)));
    }

    [Fact]
    public void CacheStoresAndReusesVolumes()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mrh-phantom-cache-" + Guid.NewGuid().ToString("N"));
        try
        {
            var config = PhantomConfig.For(Preset.Smoke);
            var first = new PhantomStudy(config, 5, new PhantomCache(dir)).Nissl.Histology(0);
            var files = Directory.GetFiles(dir, "*" + RawVolumeFile.Extension);
            Assert.Single(files);
            var again = new PhantomStudy(config, 5, new PhantomCache(dir)).Nissl.Histology(0);
            Assert.Equal(first.Channels[0], again.Channels[0]);
            Assert.Equal(first.Spacing, again.Spacing);
            // another config or seed is another entry
            new PhantomStudy(config with { Histology = config.Histology with { NoiseRelativeSd = 0.05 } }, 5, new PhantomCache(dir)).Nissl.Histology(0);
            Assert.Equal(2, Directory.GetFiles(dir, "*" + RawVolumeFile.Extension).Length);
            Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
            // a damaged entry is regenerated, not trusted
            File.WriteAllBytes(files[0], [1, 2, 3]);
            var repaired = new PhantomStudy(config, 5, new PhantomCache(dir)).Nissl.Histology(0);
            Assert.Equal(first.Channels[0], repaired.Channels[0]);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void RawFileRejectsBadInputWithTheFileName()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}{RawVolumeFile.Extension}");
        try
        {
            File.WriteAllBytes(path, "MRHRAW01\u0010\0\0\0{}"u8.ToArray());
            var e = Assert.Throws<MrhException>(() => RawVolumeFile.Read(path));
            Assert.Contains(path, e.Message);
            Assert.DoesNotContain('\n', e.Message);
            File.WriteAllBytes(path, "hello"u8.ToArray());
            Assert.Throws<MrhException>(() => RawVolumeFile.Read(path));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void GaussianDrawsHaveNormalMoments()
    {
        var rng = new Rng(42);
        const int n = 400_000;
        double s1 = 0, s2 = 0, s4 = 0, tail = 0;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NextGaussian();
            s1 += x; s2 += x * x; s4 += x * x * x * x;
            if (Math.Abs(x) > 3) tail++;
        }
        double mean = s1 / n, var = s2 / n - mean * mean;
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(var, 0.99, 1.01);
        Assert.InRange(s4 / n / (var * var), 2.9, 3.1);          // kurtosis 3
        Assert.InRange(tail / n, 0.0027 * 0.8, 0.0027 * 1.2);    // P(|x| > 3) = 0.0027
    }

    [Fact]
    public void PngEncoderWritesAValidImage()
    {
        var pixels = new byte[3 * 4 * 3];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(i * 7);
        var png = PngEncoder.Encode(4, 3, pixels);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // the IEND chunk's CRC is the well-known constant AE 42 60 82
        Assert.Equal(new byte[] { 0xAE, 0x42, 0x60, 0x82 }, png[^4..]);
        Assert.Equal(0xCBF43926u, PngEncoder.Crc32("123456789"u8, 0xFFFFFFFFu) ^ 0xFFFFFFFFu); // CRC-32 check value
        // inflate the IDAT and compare with the pixels (filter byte 0 per row)
        int idat = IndexOf(png, "IDAT"u8);
        int len = (png[idat - 4] << 24) | (png[idat - 3] << 16) | (png[idat - 2] << 8) | png[idat - 1];
        using var z = new System.IO.Compression.ZLibStream(new MemoryStream(png, idat + 4, len), System.IO.Compression.CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var rows = raw.ToArray();
        Assert.Equal(3 * (1 + 12), rows.Length);
        for (int r = 0; r < 3; r++)
        {
            Assert.Equal(0, rows[r * 13]);
            Assert.Equal(pixels[(r * 12)..((r + 1) * 12)], rows[(r * 13 + 1)..((r + 1) * 13)]);
        }
    }

    static int IndexOf(byte[] data, ReadOnlySpan<byte> pattern) => data.AsSpan().IndexOf(pattern);
}
