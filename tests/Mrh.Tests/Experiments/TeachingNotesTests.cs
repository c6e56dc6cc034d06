using System.Text.RegularExpressions;
using Mrh.Experiments;
using Mrh.Phantom;
using Mrh.Presets;
using Mrh.Tests.Kernel;

namespace Mrh.Tests.Experiments;

/// <summary>The notes the notebooks show a reader: what you should see, the links to docs/findings.md, the preset's differences from the paper.</summary>
public class TeachingNotesTests
{
    [Fact]
    public void AnchorsFollowGitHubsRule() =>
        Assert.Equal("fig-4--nissl-from-pgse--ogse", FindingsLinks.Anchor("Fig. 4 — Nissl from PGSE + OGSE"));

    [Fact]
    public void EveryFindingsLinkPointsAtAHeadingOfDocsFindings()
    {
        string doc = File.ReadAllText(Path.Combine(JupyterKernel.RepoRoot, "docs", "findings.md"));
        var headings = Regex.Matches(doc, "^#+ (.+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value.Trim()).ToHashSet();
        Assert.All(FindingsLinks.Headings.Values, h => Assert.Contains(h, headings));
        Assert.Equal("../docs/findings.md#fig-1--training-size", FindingsLinks.For("Fig. 1"));
        Assert.Equal("../docs/findings.md", FindingsLinks.For("Tour"));
    }

    [Fact]
    public void TheGlossaryLinkPointsAtTheToursGlossary()
    {
        string tour = File.ReadAllText(Path.Combine(JupyterKernel.NotebooksFolder, "00-tour.ipynb"));
        Assert.Contains("## Glossary", tour);
        Assert.StartsWith("00-tour.ipynb#", FindingsLinks.Glossary);
    }

    [Fact]
    public void AClaimThatFailsLinksItsExplanationAndOneThatHoldsDoesNot()
    {
        var table = new ClaimTable("Fig. 1")
            .Add("auc-i", "AUC with AF of 60 animals", "> 0.94", "0.939", false)
            .Add("auc-ii", "AUC with AF of 6 animals", "> 0.94", "0.951", true)
            .Add("r2", "R²", "—", "0.61", null)
            .Add("decline", "fewer patches do worse", "yes", "no", false);
        var note = WhatYouShouldSee.For(table, "Dark tracts are dark.", "auc-i", "auc-ii", "r2", "decline");
        Assert.Equal(5, note.Lines.Count);
        Assert.Equal("Dark tracts are dark.", note.Lines[0].Text);
        Assert.Equal("AUC with AF of 60 animals: paper > 0.94, this run 0.939 — does not hold.", note.Lines[1].Text);
        // auc-i has rows of tested causes; a claim without them links its figure's section
        Assert.Equal("../docs/findings.md#tested-causes", note.Lines[1].Href);
        Assert.Equal("Why: docs/findings.md, Tested causes", note.Lines[1].LinkText);
        Assert.Equal("../docs/findings.md#fig-1--training-size", note.Lines[4].Href);
        Assert.Null(note.Lines[2].Href);
        Assert.Equal("R²: no number in the paper, this run 0.61 (shown for reference)", note.Lines[3].Text);
        Assert.Contains("class=\"mrh-note\"", note.ToHtml());
        Assert.Contains("href=\"../docs/findings.md#fig-1--training-size\"", note.ToHtml());
        Assert.Throws<ArgumentException>(() => WhatYouShouldSee.For(table, "x", "auc-v"));
    }

    [Fact]
    public void TablesForReadersHavePlainHeadersAndThePresetSentenceNamesBothValues()
    {
        var table = new ClaimTable("Fig. 1").Add("r2", "R²", "—", "0.61", null);
        var shown = table.SummaryTable();
        Assert.Equal(["claim", "paper", "this run", "verdict", "note"], shown.Columns);
        Assert.Equal(["R²", "—", "0.61", "—", ""], shown.Rows[0]);
        Assert.Contains("— = shown for reference, not judged", ClaimTable.Legend.Lines[0].Text);
        Assert.Throws<ArgumentException>(() => shown.Renamed("one"));
        string quick = PresetComparison.Sentence(ExperimentSettings.For(Preset.Quick));
        Assert.StartsWith("How the quick preset differs from the paper: training patches per network: 20,000 here, 40,000 in the paper;", quick);
        Assert.Contains("network: residual blocks x width (channels): 5 x 48 here, 30 x 64 in the paper", quick);
        Assert.DoesNotContain("case (iii)", PresetComparison.Sentence(ExperimentSettings.For(Preset.Quick), singleAnimalCases: false));
        Assert.Equal("The paper preset uses the paper's sizes.", PresetComparison.Sentence(ExperimentSettings.For(Preset.Paper)));
    }

    [Fact]
    public void AClaimsRuleInItsNoteIsPartOfItsLine()
    {
        var table = new ClaimTable("Fig. 1").Add("auc-iii", "AUC with AF of 1 animal", "0.937", "0.916", true, "holds if > 0.90 and not better than (i)/(ii)");
        Assert.Equal("AUC with AF of 1 animal: paper 0.937, this run 0.916 — holds (holds if > 0.90 and not better than (i)/(ii)).",
            WhatYouShouldSee.For(table, "x", "auc-iii").Lines[1].Text);
    }

    [Fact]
    public void TheQuickPresetDiffersFromThePaperWhereTheIssueSays()
    {
        // the paper (Liang et al. 2022): 40,000 patches, 30 residual blocks of 64 channels, 25 repeats of the single-animal case
        var rows = PresetComparison.Rows(ExperimentSettings.For(Preset.Quick)).ToDictionary(r => r.Setting.Split(':')[0].Split(" (")[0]);
        Assert.Equal(6, rows.Count);
        Assert.Equal(("20,000", "40,000"), (rows["training patches per network"].ThisPreset, rows["training patches per network"].Paper));
        Assert.Equal(("5 x 48", "30 x 64"), (rows["network"].ThisPreset, rows["network"].Paper));
        Assert.Equal("8", rows["training epochs"].ThisPreset);
        Assert.Equal(("3", "25"), (rows["single-animal case"].ThisPreset, rows["single-animal case"].Paper));
        // cases iv and v use the paper's 5,000 and 1,000 patches at the quick preset
        Assert.Equal(("5,000 / 1,000", false), (rows["patches of one animal in cases"].ThisPreset, rows["patches of one animal in cases"].Differs));
        Assert.Equal(5, rows.Values.Count(r => r.Differs));
        Assert.All(PresetComparison.Rows(ExperimentSettings.For(Preset.Paper)), r => Assert.False(r.Differs));
    }

    [Fact]
    public void TheOriginNoteSaysSyntheticForThePhantomAndNamesTheUsersDataSet()
    {
        var phantom = new PhantomStudyData(PhantomStudy.For(Preset.Smoke, 1, useCache: false)).OriginNote();
        Assert.StartsWith("These data are synthetic: the built-in digital mouse brain", phantom.Lines[0].Text);
        Assert.Contains("smoke preset", phantom.Lines[0].Text);
        Assert.Contains("far too small", phantom.Lines[0].Text); // the smoke preset's caveat
        Assert.DoesNotContain("far too small", new PhantomStudyData(PhantomStudy.For(Preset.Quick, 1, useCache: false)).Origin);
        Assert.Equal("../docs/findings.md", phantom.Lines[1].Href);
        Assert.Equal(FindingsLinks.Glossary, phantom.Lines[2].Href);
        Assert.Null(new PhantomStudyData(PhantomStudy.For(Preset.Smoke, 1, useCache: false)).OriginNote(fromTour: true).Lines[2].Href);

        using var dir = new Mrh.Tests.Imaging.TempDir();
        var protocol = new Mrh.Data.Protocol([new("T2W", Mrh.Data.ChannelKind.T2W, Group: "T2W")]);
        var w = new Mrh.Data.DatasetWriter(dir.Path, protocol, name: "my-mice");
        w.AddSubject("mri01", new Mrh.Imaging.Volume(2, 2, 2, [new float[8]], [0.1, 0.1, 0.1]), group: "mri-train");
        string manifest = w.Save();
        string origin = new DatasetStudyData(Mrh.Data.Dataset.Load(manifest)).OriginNote().Lines[0].Text;
        Assert.StartsWith("These data are your data set 'my-mice'", origin);
        Assert.Contains(Mrh.Data.Dataset.Load(manifest).ManifestPath, origin);
        Assert.DoesNotContain("synthetic:", origin);
    }
}
