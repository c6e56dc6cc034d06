using Mrh.Experiments;

namespace Mrh.Tests.Experiments;

public class ClaimTableTests
{
    [Fact]
    public void SavesAndLoadsEveryClaim()
    {
        var dir = Directory.CreateTempSubdirectory("mrh-claims-").FullName;
        try
        {
            var t = new ClaimTable("Fig. 1")
                .Add("auc60", "AUC with 60 AF animals", "> 0.94", 0.9512, true)
                .Add("r2", "R² of MRH-AF vs reference", "0.73", 0.41, false, "0.00", "phantom AF differs");
            var path = t.Save(dir);
            Assert.Equal(Path.Combine(dir, "claims-fig-1.json"), path);
            new ClaimTable("Fig. 2").Add("top", "images for 50%", "17", "19", null).Save(dir);
            var all = ClaimTable.LoadAll(dir);
            Assert.Equal(3, all.Count);
            Assert.Equal("0.951", all[0].ThisRun);
            Assert.Equal("0.41", all[1].ThisRun);
            Assert.Equal("does not hold", all[1].Verdict);
            Assert.Equal("—", all[2].Verdict);
            Assert.Equal("Fig. 2", all[2].Figure);
            // what a notebook shows: the verdict in words, no id or flag
            Assert.Equal(new ClaimRow("R² of MRH-AF vs reference", "0.73", "0.41", "does not hold", "phantom AF differs"), t.Summary[1]);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Theory]
    [InlineData("Fig. 1", "fig-1")]
    [InlineData("Supplementary", "supplementary")]
    [InlineData(" Supp. Figs. 1, 2 & 8 ", "supp-figs-1-2-8")]
    public void TheFileNameHasOneDashBetweenWords(string figure, string slug) => Assert.Equal(slug, ClaimTable.Slug(figure));

    [Fact]
    public void RejectsDuplicateIdsAndDamagedFiles()
    {
        var t = new ClaimTable("Fig. 3").Add("a", "x", "1", "1", true);
        Assert.Throws<ArgumentException>(() => t.Add("a", "y", "2", "2", true));
        Assert.Null(t.Save(""));
        var dir = Directory.CreateTempSubdirectory("mrh-claims-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "claims-x.json"), "{ not json");
            var e = Assert.Throws<MrhException>(() => ClaimTable.LoadAll(dir));
            Assert.Contains("claims-x.json", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void MarkdownEscapesPipes()
    {
        var md = new ClaimTable("Fig. 4").Add("p", "a | b", "p < 0.05", "0.01", true).ToMarkdown();
        Assert.Contains("| Fig. 4 | a \\| b | p < 0.05 | 0.01 | holds |  |", md);
    }
}
