using System.Text.Json;

namespace Mrh.Tests.Cli;

file sealed class Tolerance(double eps) : IEqualityComparer<double>
{
    public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;
    public int GetHashCode(double v) => 0;
}

/// <summary>`mrh causes` on the built-in smoke brain: the capacity rows, each judged from its own numbers.</summary>
public class CausesCommandTests
{
    [Fact]
    public void TheCapacityRowsComeWithVerdictsThatFollowFromTheirNumbers()
    {
        var (code, output, err) = CliHarness.Run("causes", "--test", "capacity", "--preset", "smoke", "--epochs", "3", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToArray();
        // two changes x three claims (auc-i, auc-ii, the linear baseline)
        Assert.Equal(6, rows.Length);
        Assert.Equal(["auc-i", "auc-ii", "baseline-mrh-af-linear", "auc-i", "auc-ii", "baseline-mrh-af-linear"],
            rows.Select(r => r.GetProperty("claim").GetString()!).ToArray());
        static double[] Values(JsonElement r, string name) => r.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        foreach (var r in rows)
        {
            var before = Values(r, "before");
            var after = Values(r, "after");
            Assert.Equal(r.GetProperty("animals").GetArrayLength(), before.Length);
            bool auc = r.GetProperty("metric").GetString() == "AUC"; // else the AUC difference to the linear baseline
            Assert.All(before.Concat(after), v => Assert.InRange(v, auc ? 0 : -1, 1));
            Assert.Contains("30 x 64", r.GetProperty("change").GetString());
            // the verdict is what the judge makes of the row's own numbers and claim verdicts
            bool? Holds(string name) => r.GetProperty(name).ValueKind == JsonValueKind.Null ? null : r.GetProperty(name).GetBoolean();
            var expected = Mrh.Experiments.Causes.CauseJudge.Judge(Holds("holdsBefore"), Holds("holdsAfter"), before, after, higherPasses: true).Verdict;
            Assert.Equal(expected.ToString(), r.GetProperty("verdict").GetString(), ignoreCase: true);
        }
        // the same standard networks before both changes
        Assert.Equal(Values(rows[0], "before"), Values(rows[3], "before"));
        Assert.Equal(Values(rows[1], "before"), Values(rows[4], "before"));
        // the baseline row is case (ii)'s AUC less the same linear baseline's, before and after
        var linear = Values(rows[1], "before").Zip(Values(rows[2], "before"), (auc, d) => auc - d).ToArray();
        Assert.All(linear, v => Assert.InRange(v, 0, 1));
        Assert.Equal(linear, Values(rows[1], "after").Zip(Values(rows[2], "after"), (auc, d) => auc - d), new Tolerance(1e-12));
        Assert.NotEqual(Values(rows[1], "after"), Values(rows[4], "after")); // 3 epochs against the smoke preset's own
    }

    [Fact]
    public void TheAfTargetRowsTrainOnTheIdealAfThenOnTheMriAnimalsOwn()
    {
        var (code, output, err) = CliHarness.Run("causes", "--test", "af-targets", "--preset", "smoke", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["auc-ii", "baseline-mrh-af-linear", "auc-ii", "baseline-mrh-af-linear"], rows.Select(r => r.GetProperty("claim").GetString()!).ToArray());
        Assert.All(rows, r => Assert.Contains("ideal AF", r.GetProperty("change").GetString()));
        Assert.Equal("AUC difference to the linear baseline", rows[1].GetProperty("metric").GetString());
        static double[] Values(JsonElement r, string name) => r.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.NotEqual(Values(rows[0], "before"), Values(rows[0], "after")); // another target, another network
        // the changes are chained: the second starts where the first ended
        Assert.Equal(Values(rows[0], "after"), Values(rows[2], "before"));
        Assert.Equal(Values(rows[1], "after"), Values(rows[3], "before"));
        Assert.NotEqual(Values(rows[2], "before"), Values(rows[2], "after"));
    }

    [Fact]
    public void TheStainImagingRowsJudgeFig3sRSquaredByItsOwnRule()
    {
        var (code, output, err) = CliHarness.Run("causes", "--test", "stain-imaging", "--preset", "smoke", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Repeat(new[] { "r2-nf", "r2-mbp", "nf-mtr-whole", "mbp-dr-hippocampus" }, 4).SelectMany(x => x),
            rows.Select(r => r.GetProperty("claim").GetString()!));
        Assert.Contains("ideal images", rows[12].GetProperty("change").GetString());
        foreach (var r in rows.Where(r => r.GetProperty("metric").GetString() != "R²"))
            Assert.All(r.GetProperty("before").EnumerateArray().Concat(r.GetProperty("after").EnumerateArray()), v => Assert.InRange(v.GetDouble(), -1, 1));
        var r2 = rows.Where(r => r.GetProperty("metric").GetString() == "R²").ToArray();
        Assert.Equal(8, r2.Length);
        foreach (var (r, paper) in r2.Zip(Enumerable.Repeat(new[] { 0.61, 0.73 }, 4).SelectMany(x => x)))
        {
            Assert.Equal("R²", r.GetProperty("metric").GetString());
            var before = r.GetProperty("before").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            var after = r.GetProperty("after").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            Assert.All(before.Concat(after), v => Assert.InRange(v, 0, 1));
            // the paper's R² within 0.1 (Fig. 3's rule), judged on the mean over the held-out animals
            Assert.Equal(Math.Abs(before.Average() - paper) <= 0.1, r.GetProperty("holdsBefore").GetBoolean());
            Assert.Equal(Math.Abs(after.Average() - paper) <= 0.1, r.GetProperty("holdsAfter").GetBoolean());
        }
    }

    [Fact]
    public void TheShivererRowsRejudgeFig3EWithRadialDiffusionIndependentOfMyelin()
    {
        var (code, output, err) = CliHarness.Run("causes", "--test", "shiverer", "--preset", "smoke", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["shiverer-mrh-mbp", "shiverer-mtr", "shiverer-dr", "shiverer-dr-b5000"], rows.Select(r => r.GetProperty("claim").GetString()!));
        static double[] Values(JsonElement r, string name) => r.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        // the change is to diffusion only: MTR, from the MT images, is the same to the last digit
        Assert.Equal(Values(rows[1], "before"), Values(rows[1], "after"));
        Assert.Equal(5, rows[2].GetProperty("animals").GetArrayLength());
        // DR: the shiverer mice's excess over the controls shrinks at both shells
        foreach (var r in rows.Skip(2))
        {
            Assert.True(Values(r, "before").Average() > 20, "the study's shiverer raises DR");
            Assert.True(Values(r, "after").Average() < Values(r, "before").Average() - 10);
        }
    }

    [Fact]
    public void TheNisslImagingRowsRetrainOnTheControlsReimagedNissl()
    {
        var (code, output, err) = CliHarness.Run("causes", "--test", "nissl-imaging", "--preset", "smoke", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Repeat(new[] { "auc-both", "tsne", "frequency" }, 2).SelectMany(x => x), rows.Select(r => r.GetProperty("claim").GetString()!));
        static double[] Values(JsonElement r, string name) => r.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        foreach (var r in rows.Where(r => r.GetProperty("claim").GetString() != "frequency"))
            Assert.All(Values(r, "before").Concat(Values(r, "after")), v => Assert.InRange(v, 0, 1));
        // the same standard network before both changes; another Nissl, another network
        Assert.Equal(Values(rows[0], "before"), Values(rows[3], "before"));
        Assert.NotEqual(Values(rows[0], "before"), Values(rows[0], "after"));
        // S/S0 is the same MRI: only the split into cell-dense and cell-sparse voxels changes, and without misregistration
        // fewer cell-dense voxels fall among the cell-sparse ones, so their share of the fall shrinks in every control
        var frequency = rows[2];
        Assert.All(Values(frequency, "before").Zip(Values(frequency, "after")), p => Assert.True(p.Second < p.First, $"{p.First} -> {p.Second}"));
    }

    [Fact]
    public void TheGreyMatterDiffusionRowsRerunFig2OnMriWithDendrites()
    {
        var (code, output, err) = CliHarness.Run("causes", "--test", "grey-matter-diffusion", "--preset", "smoke", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToArray();
        Assert.Equal(["share-top4", "share-top17", "auc-38", "rmse-4"], rows.Select(r => r.GetProperty("claim").GetString()!));
        static double[] Values(JsonElement r, string name) => r.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.All(rows.Take(2).SelectMany(r => Values(r, "before").Concat(Values(r, "after"))), v => Assert.InRange(v, 0, 1));
        Assert.True(Values(rows[1], "before")[0] > Values(rows[0], "before")[0], "17 images carry more than 4");
        // another MRI, another network: the subsets' differences to all images change in every animal
        foreach (var r in rows.Skip(2))
        {
            Assert.Equal(4, Values(r, "before").Length);
            Assert.All(Values(r, "before").Zip(Values(r, "after")), p => Assert.NotEqual(p.First, p.Second));
        }
    }

    [Fact]
    public void BadOptionsAreOneLineErrors()
    {
        var (code, _, err) = CliHarness.Run("causes", "--preset", "smoke", "--epochs", "0");
        Assert.NotEqual(0, code);
        Assert.Contains("--epochs", err);
        Assert.DoesNotContain("   at ", err);
        var (code3, _, err3) = CliHarness.Run("causes", "--test", "everything", "--preset", "smoke");
        Assert.NotEqual(0, code3);
        Assert.Contains("--test must be capacity, af-targets, stain-imaging, shiverer, nissl-imaging, grey-matter-diffusion or all", err3);
        var (code2, _, err2) = CliHarness.Run("causes", "--preset", "huge");
        Assert.NotEqual(0, code2);
        Assert.Single(err2.Trim().Split('\n'));
    }
}
