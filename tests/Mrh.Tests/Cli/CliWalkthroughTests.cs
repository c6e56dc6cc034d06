namespace Mrh.Tests.Cli;

/// <summary>
/// The README's command-line walkthrough, run as a new user runs it: the lines of its `cli-walkthrough` block, in
/// order, in a fresh folder (out/ replaced by a temporary folder), each one through `mrh`'s entry point.
/// </summary>
[Collection(Model.TorchCollection.Name)]
public sealed class CliWalkthroughTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-walk-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    public static string ReadmePath() => Path.Combine(RepositoryRoot(), "README.md");

    public static IReadOnlyList<string> ReadmeCommands()
    {
        string readme = File.ReadAllText(ReadmePath());
        int start = readme.IndexOf("<!-- cli-walkthrough -->", StringComparison.Ordinal);
        int end = readme.IndexOf("<!-- /cli-walkthrough -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no cli-walkthrough block");
        return readme[start..end].Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("mrh ", StringComparison.Ordinal)).ToList();
    }

    static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MrhNotebooks.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public void GenerateTrainPredictEvaluateContribWorkWithTheReadmesCommands()
    {
        var commands = ReadmeCommands();
        Assert.Equal(["phantom", "train", "predict", "evaluate", "contrib"], commands.Select(c => c.Split(' ')[1]));
        Directory.CreateDirectory(_dir);
        var outputs = new List<string>();
        foreach (var line in commands)
        {
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(a => a.StartsWith("out/", StringComparison.Ordinal) ? Path.Combine(_dir, a[4..]) : a).ToArray();
            var (code, output, err) = CliHarness.Run(args);
            Assert.True(code == 0, $"`{line}` exited {code}: {err}");
            outputs.Add(output);
        }
        Assert.True(File.Exists(Path.Combine(_dir, "models", "af", "model.json")));
        Assert.Contains("AF from 100 subject(s)", outputs[1]); // 100 AF animals, each paired with an MRI animal
        Assert.Contains("wrote ", outputs[2]);
        // evaluate printed finite numbers over the test animal's brain
        var rmse = outputs[3].Split('\n').Single(l => l.StartsWith("RMSE", StringComparison.Ordinal));
        double value = double.Parse(rmse.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(double.IsFinite(value) && value > 0, rmse);
        Assert.Contains("images to reach 28% / 50% / 75%", outputs[4]);
    }
}

/// <summary>
/// `mrh phantom --layout authors` writes the MRI cohorts as the authors' published files, and the committed template
/// data/authors-layout.dataset.json reads them: train -> predict -> evaluate through it.
/// </summary>
[Collection(Model.TorchCollection.Name)]
public sealed class AuthorsLayoutTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-authors-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Fact]
    public void TrainPredictEvaluateRunOnTheAuthorsLayoutThroughTheTemplate()
    {
        string ds = Path.Combine(_dir, "authors");
        var (code, output, err) = CliHarness.Run("phantom", "--preset", "smoke", "--layout", "authors", "--out", ds);
        Assert.True(code == 0, err);
        // the manifest is the committed template, byte for byte
        Assert.Equal(File.ReadAllText(Path.Combine(Path.GetDirectoryName(CliWalkthroughTests.ReadmePath())!, "data", "authors-layout.dataset.json")),
            File.ReadAllText(Path.Combine(ds, "dataset.json")));
        foreach (var f in new[] { "rigidaffine_Lddm_dwi2000", "rigidaffine_Lddm_dwi5000", "rigidaffine_lddm_t2MTONOFF", "rigidaffine_Lddm_fa", "Masked_outline" })
        {
            Assert.True(File.Exists(Path.Combine(ds, "subject01", f + ".hdr")), f);
            Assert.True(File.Exists(Path.Combine(ds, "subject10", f + ".img")), f);
        }
        var dataset = Mrh.Data.Dataset.Load(ds);
        dataset.Validate();
        Assert.Equal(67, dataset.Protocol.Count);
        Assert.Equal(12, dataset.SubjectIds.Count); // 10 MRI animals, the AF average as the AF animal and as the reference
        // the groups the figure notebooks read (notebook 01 on the old template: "no subjects in group 'mri-test'")
        var study = new Mrh.Experiments.DatasetStudyData(dataset);
        Assert.Equal(["subject01", "subject02", "subject03", "subject04", "subject05", "subject06"], study.TrainingAnimals);
        Assert.Equal(["subject07", "subject08", "subject09", "subject10"], study.TestAnimals);
        Assert.Equal(["af-average"], study.AfAnimals);
        Assert.Equal(study.Mri("subject07").NX, study.AfReference().NX);
        // the arrays are in the authors' order: left-right, anterior-posterior, dorsal-ventral
        var dwi = Mrh.Imaging.VolumeFile.Read(Path.Combine(ds, "subject01", "rigidaffine_Lddm_dwi2000.img"));
        var phantom = Mrh.Phantom.PhantomConfig.For(Mrh.Presets.Preset.Smoke).Grid;
        Assert.Equal((phantom.NX, phantom.NZ, phantom.NY, 32), (dwi.NX, dwi.NY, dwi.NZ, dwi.ChannelCount));

        string model = Path.Combine(_dir, "model"), pred = Path.Combine(_dir, "af-subject07.nii.gz");
        // the AF animal (the average) paired with each of the six training animals, as the figures pair them
        (code, output, err) = CliHarness.Run("train", "--dataset", ds, "--target", "AF", "--preset", "smoke", "--out", model);
        Assert.True(code == 0, err);
        Assert.Contains("AF from 6 subject(s)", output); // six pairs: each training animal with the one AF animal
        (code, output, err) = CliHarness.Run("predict", "--model", model, "--dataset", ds, "--subject", "subject07", "--out", pred);
        Assert.True(code == 0, err);
        // evaluate reads plain files, which carry no orientation: the authors' anterior-posterior axis is array axis 1,
        // which the atlas order calls horizontal
        (code, output, err) = CliHarness.Run("evaluate", "--pred", pred, "--ref", Path.Combine(ds, "histology", "AF_average.img"),
            "--mask", Path.Combine(ds, "subject07", "Masked_outline.img"), "--plane", "horizontal", "--json");
        Assert.True(code == 0, err);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        int sections = json.RootElement.GetProperty("ssimSections").GetInt32();
        Assert.InRange(sections, 1, phantom.NZ); // sections along the anterior-posterior axis that meet the brain
        Assert.True(double.IsFinite(json.RootElement.GetProperty("rmse").GetDouble()));
    }
}
