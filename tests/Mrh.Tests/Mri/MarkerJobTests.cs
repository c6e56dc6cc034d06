using Mrh.Data;
using Mrh.Imaging;
using Mrh.Mri;

namespace Mrh.Tests.Mri;

public class MarkerJobTests
{
    /// <summary>
    /// A 3 x 2 x 2 subject in the authors' 67-channel protocol: each voxel has its own tensor (the same
    /// in both series), M0 = 100 and Mt = 100 (1 - mtr); the mask excludes voxel 0.
    /// </summary>
    static (Volume Inputs, Volume Mask, double[][] R, double[] Mtr) Subject(Protocol p)
    {
        int n = 12;
        var ch = new float[p.Count][];
        for (int c = 0; c < p.Count; c++) ch[c] = new float[n];
        var rs = new double[n][];
        var mtr = new double[n];
        for (int v = 0; v < n; v++)
        {
            rs[v] = DtiSynth.Rotation(0.3 * v, 0.2 - 0.1 * v, 1 + 0.05 * v);
            var d = DtiSynth.Tensor(rs[v], 0.8e-3, 0.3e-3, 0.2e-3);
            for (int c = 0; c < p.Count; c++)
            {
                var pc = p[c];
                if (pc.IsDiffusion)
                    ch[c][v] = (float)DtiSynth.Signal(1000, d, pc.BValue, pc.Direction ?? [0, 0, 0]);
            }
            mtr[v] = 0.3 + 0.02 * v;
            ch[p.IndicesWhere(c => c.Kind == ChannelKind.MtOff)[0]][v] = 100;
            ch[p.IndicesWhere(c => c.Kind == ChannelKind.MtOn)[0]][v] = (float)(100 * (1 - mtr[v]));
            ch[p.IndicesWhere(c => c.Kind == ChannelKind.T2W)[0]][v] = 50;
        }
        var inputs = new Volume(3, 2, 2, ch, [0.1, 0.1, 0.1], null, p.Names);
        var mask = new float[n];
        for (int v = 1; v < n; v++) mask[v] = 1;
        return (inputs, Volume.FromArray(inputs, mask, "mask"), rs, mtr);
    }

    [Fact]
    public void AuthorsProtocolGivesMtrAndTwoShellsOfTensorMaps()
    {
        var p = Protocol.Default67();
        var (inputs, mask, rs, mtr) = Subject(p);
        var job = new MarkerJob(p);
        string[] expected =
        [
            "mtr",
            "b2000_fa", "b2000_md", "b2000_ad", "b2000_rd", "b2000_v1",
            "b5000_fa", "b5000_md", "b5000_ad", "b5000_rd", "b5000_v1",
        ];
        Assert.Equal(expected, job.MapNames);
        Assert.Empty(job.Notes);
        var reports = new List<long>();
        var maps = job.Run(inputs, mask, new Collect(reports));
        Assert.Equal(expected, maps.Select(m => m.Name));
        Assert.Equal(job.WorkUnits(inputs), reports[^1]);
        Assert.Equal(1 + 2 * 2, job.WorkUnits(inputs));
        var byName = maps.ToDictionary(m => m.Name, m => m.Map);
        double fa = Math.Sqrt(0.5 * (0.25 + 0.01 + 0.36) / (0.64 + 0.09 + 0.04));
        for (int v = 0; v < 12; v++)
        {
            bool inside = v > 0;
            Assert.Equal(inside ? mtr[v] : 0, byName["mtr"].Channels[0][v], 1e-6);
            foreach (var shell in new[] { "b2000", "b5000" })
            {
                Assert.Equal(inside ? fa : 0, byName[$"{shell}_fa"].Channels[0][v], 1e-6);
                Assert.Equal(inside ? 0.25e-3 : 0, byName[$"{shell}_rd"].Channels[0][v], 1e-9);
                Assert.Equal(inside ? 0.8e-3 : 0, byName[$"{shell}_ad"].Channels[0][v], 1e-9);
                Assert.Equal(inside ? 0.4333333e-3 : 0, byName[$"{shell}_md"].Channels[0][v], 1e-9);
                var v1 = byName[$"{shell}_v1"];
                Assert.Equal(3, v1.ChannelCount);
                if (inside)
                {
                    var e = DtiSynth.Column(rs[v], 0);
                    Assert.Equal(1, Math.Abs(e[0] * v1.Channels[0][v] + e[1] * v1.Channels[1][v] + e[2] * v1.Channels[2][v]), 1e-6);
                }
            }
        }
        Assert.All(maps, m => Assert.Equal(inputs.Spacing, m.Map.Spacing));
    }

    sealed class Collect(List<long> list) : IProgress<long>
    {
        public void Report(long value) { lock (list) list.Add(value); }
    }

    [Fact]
    public void MissingContrastsAreNotedOrRefused()
    {
        var p = Protocol.Default67();
        var dwiOnly = new Protocol(p.Channels.Take(64).ToArray());
        var job = new MarkerJob(dwiOnly);
        Assert.DoesNotContain("mtr", job.MapNames);
        Assert.Contains(job.Notes, n => n.Contains("no MTR map"));

        var mtOnly = new Protocol(p.Channels.Skip(64).ToArray());
        job = new MarkerJob(mtOnly);
        Assert.Equal(["mtr"], job.MapNames);
        Assert.Contains(job.Notes, n => n.Contains("no DTI maps"));

        var t2Only = new Protocol(p.Channels.Skip(64).Take(1).ToArray());
        Assert.Contains("neither MT images nor diffusion images", Assert.Throws<MrhException>(() => new MarkerJob(t2Only)).Message);
        var b0Only = new Protocol(p.Channels.Where(c => c.Kind != ChannelKind.Dwi).ToArray());
        Assert.Contains("no diffusion-weighted", Assert.Throws<MrhException>(() => new MarkerJob(b0Only)).Message);
    }

    [Fact]
    public void WrongInputsAreClearErrors()
    {
        var p = Protocol.Default67();
        var (inputs, _, _, _) = Subject(p);
        var job = new MarkerJob(p);
        Assert.Contains("has 64 channels but the protocol describes 67",
            Assert.Throws<MrhException>(() => job.Run(inputs.SelectChannels(Enumerable.Range(0, 64).ToArray()))).Message);
        Assert.Contains("the mask is 3x2x1 voxels but the images are 3x2x2",
            Assert.Throws<MrhException>(() => job.Run(inputs, Volume.Zeros(3, 2, 1))).Message);
    }

    [Fact]
    public void GradientTableJobNamesShellsByBValue()
    {
        var dirs = GradientDirections.Hemisphere(6);
        var lines = new List<string> { "0,0,0,7.3" };
        foreach (double b in new[] { 1000.0, 2500 })
            lines.AddRange(dirs.Select(d => $"{d[0]},{d[1]},{d[2]},{b}"));
        var job = new MarkerJob(GradientTable.ParseAuthors(string.Join("\n", lines), "g.txt"));
        Assert.Equal(["b1000_fa", "b1000_md", "b1000_ad", "b1000_rd", "b1000_v1", "b2500_fa", "b2500_md", "b2500_ad", "b2500_rd", "b2500_v1"], job.MapNames);
        Assert.False(job.ComputesMtr);
    }
}
