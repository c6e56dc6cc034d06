using System.Text.Json;
using Mrh.Imaging;

namespace Mrh.Tests.Cli;

/// <summary>`mrh contrast` on a manifest whose user channel is one line ("maps": {"MWF": ...}), and its errors.</summary>
public class ContrastCommandTests
{
    /// <summary>
    /// Four subjects on a 14x12x14 grid: a target that varies smoothly, three protocol images that see it through noise,
    /// and the user's map that sees it with little noise (so that it should help).
    /// </summary>
    static string WriteDataset(string dir)
    {
        const int n = 14, m = 12;
        foreach (var id in new[] { "s1", "s2", "s3", "s4" })
        {
            var rng = new Random(id.GetHashCode(StringComparison.Ordinal) & 0xffff);
            int count = n * m * n;
            var target = new float[count];
            var mask = new float[count];
            var mri = new float[3][];
            for (int c = 0; c < 3; c++) mri[c] = new float[count];
            var map = new float[count];
            for (int z = 0; z < n; z++)
                for (int y = 0; y < m; y++)
                    for (int x = 0; x < n; x++)
                    {
                        int i = (z * m + y) * n + x;
                        double t = 0.5 + 0.4 * Math.Sin(x * 0.7 + id.Length) * Math.Cos(y * 0.5 + z * 0.3);
                        target[i] = (float)t;
                        mask[i] = x > 0 && y > 0 && z > 0 && x < n - 1 && y < m - 1 && z < n - 1 ? 1 : 0;
                        for (int c = 0; c < 3; c++) mri[c][i] = (float)(100 + 30 * t * (c + 1) + 25 * Gaussian(rng));
                        map[i] = (float)(t + 0.02 * Gaussian(rng));
                    }
            var like = new Volume(n, m, n, [target], [0.1, 0.1, 0.1]);
            VolumeFile.Write(like.WithChannels(mri, ["T2W", "MT_off", "MT_on"]), Path.Combine(dir, $"{id}_mri.nii"));
            VolumeFile.Write(like.WithChannels([mask], ["mask"]), Path.Combine(dir, $"{id}_mask.nii"));
            VolumeFile.Write(like, Path.Combine(dir, $"{id}_mbp.nii"));
            VolumeFile.Write(like.WithChannels([map], ["MWF"]), Path.Combine(dir, $"{id}_mwf.nii"));
        }
        File.WriteAllText(Path.Combine(dir, "dataset.json"), """
            {
              "format": "mrh-dataset", "version": 1, "name": "tiny",
              "protocol": { "channels": [
                {"name": "T2W", "kind": "t2w", "acquisitionMinutes": 30},
                {"name": "MT_off", "kind": "mtOff", "acquisitionMinutes": 12},
                {"name": "MT_on", "kind": "mtOn", "acquisitionMinutes": 12} ] },
              "defaults": { "inputs": ["{id}_mri.nii"], "mask": "{id}_mask.nii", "targets": {"MBP": "{id}_mbp.nii"},
                            "maps": {"MWF": "{id}_mwf.nii"} },
              "subjects": [ {"id": "s1", "group": "mri-train"}, {"id": "s2", "group": "mri-train"},
                            {"id": "s3", "group": "mri-test"}, {"id": "s4", "group": "mri-test"} ]
            }
            """);
        return dir;
    }

    static double Gaussian(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    [Fact]
    public void AManifestMapIsJudgedEndToEnd()
    {
        var dir = Directory.CreateTempSubdirectory("mrh-contrast-").FullName;
        try
        {
            WriteDataset(dir);
            var (code, output, err) = CliHarness.Run("contrast", "--dataset", dir, "--add", "MWF", "--minutes", "20", "--target", "MBP",
                "--budget", "50", "--preset", "smoke", "--json");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output);
            var root = doc.RootElement;
            Assert.Equal("MBP", root.GetProperty("stain").GetString());
            Assert.Equal(20, root.GetProperty("candidates")[0].GetProperty("scanMinutes").GetDouble());
            var inputs = root.GetProperty("inputs").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToArray();
            Assert.Equal(["T2W", "MT_off", "MT_on", "MWF"], inputs);
            // the user's map is nearly the target: it ranks first and the network with it fits better
            var mwf = root.GetProperty("inputs")[3];
            Assert.Equal(1, mwf.GetProperty("rank").GetInt32());
            Assert.True(root.GetProperty("addedValue").GetProperty("rSquared").GetProperty("gain").GetDouble() > 0);
            // budget 50 min of 74: the curve ends with all inputs at 74 min
            var curve = root.GetProperty("curve").EnumerateArray().ToArray();
            Assert.Equal(74, curve[^1].GetProperty("minutes").GetDouble());
            Assert.Contains(curve, p => p.GetProperty("budgetMinutes").GetDouble() == 50);
            // the acquisitions (no groups in this manifest: one per image kind) are ranked too, the user's map first
            var acquisitions = root.GetProperty("acquisitionUsefulness").EnumerateArray().ToArray();
            Assert.Equal(["T2W", "MtOff", "MtOn", "MWF"], acquisitions.Select(a => a.GetProperty("name").GetString()!).ToArray());
            Assert.Equal(1, acquisitions[3].GetProperty("rank").GetInt32());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void TheNoiseControlIsPrintedWithItsRankAmongInputsAndAcquisitions()
    {
        var dir = Directory.CreateTempSubdirectory("mrh-contrast-").FullName;
        try
        {
            WriteDataset(dir);
            var (code, output, err) = CliHarness.Run("contrast", "--dataset", dir, "--add", "MWF", "--add", "noise", "--target", "MBP", "--preset", "smoke");
            Assert.True(code == 0, err);
            var line = output.Split('\n').Single(l => l.Contains("noise control among acquisitions", StringComparison.Ordinal));
            // five acquisitions (T2W, MtOff, MtOn, MWF, noise): the noise carries nothing and is shuffled at no cost
            Assert.Contains("rank 5 of 5 (last)", line);
            Assert.Contains(output.Split('\n'), l => l.TrimStart().StartsWith("noise control: usefulness rank", StringComparison.Ordinal));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void AnUnknownCandidateIsAOneLineError()
    {
        var dir = Directory.CreateTempSubdirectory("mrh-contrast-").FullName;
        try
        {
            WriteDataset(dir);
            var (code, _, err) = CliHarness.Run("contrast", "--dataset", dir, "--add", "QSM", "--preset", "smoke");
            Assert.NotEqual(0, code);
            Assert.Contains("no candidate contrast 'QSM'", err);
            Assert.DoesNotContain("   at ", err);
            var (code2, _, err2) = CliHarness.Run("contrast", "--dataset", dir, "--add", "missing_{id}.nii", "--preset", "smoke");
            Assert.NotEqual(0, code2);
            Assert.Contains("candidate volume not found", err2);
            var (code3, _, err3) = CliHarness.Run("contrast", "--preset", "smoke");
            Assert.NotEqual(0, code3);
            Assert.Contains("--add", err3);
        }
        finally { Directory.Delete(dir, true); }
    }
}
