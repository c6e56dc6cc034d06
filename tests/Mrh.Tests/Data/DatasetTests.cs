using System.Globalization;
using Mrh.Data;
using Mrh.Imaging;
using Mrh.Tests.Imaging;

namespace Mrh.Tests.Data;

public class DatasetTests
{
    static Volume Coded(int channels, float offset, int nx = 4, int ny = 3, int nz = 2)
    {
        var data = new float[channels][];
        for (int c = 0; c < channels; c++)
            data[c] = Enumerable.Range(0, nx * ny * nz).Select(i => offset + c * 1000 + i + 0.25f).ToArray();
        return new Volume(nx, ny, nz, data, [0.1, 0.1, 0.2]);
    }

    static Protocol SmallProtocol() => new(
    [
        new("b0", ChannelKind.B0, 7.3, null, 0, 10, "DWI"),
        new("dir1", ChannelKind.Dwi, 2000, [0.6, 0.8, 0], 0, 10, "DWI"),
        new("ogse", ChannelKind.Dwi, 700, [0, 0, 1], 50, 10, "OGSE"),
        new("T2W", ChannelKind.T2W, AcquisitionMinutes: 30, Group: "T2W"),
    ]);

    [Fact]
    public void WriterOutputLoadsBackExactly()
    {
        using var dir = new TempDir();
        var protocol = SmallProtocol();
        var axes = new AnatomicalAxes(LeftRight: 0, DorsalVentral: 2, AnteriorPosterior: 1);
        var inputs = Coded(4, 0);
        var mask = Volume.FromArray(inputs, inputs.Channels[0].Select(v => v > 10 ? 1f : 0f).ToArray());
        var labels = Volume.FromArray(inputs, Enumerable.Range(0, 24).Select(i => (float)(i * 50)).ToArray());
        var af = Coded(1, -5);
        var fa = Coded(1, 0.5f);
        var w = new DatasetWriter(dir.Path, protocol, name: "unit", axes: axes) { Description = "test set" };
        w.AddSubject("mri01", inputs, mask, labels, new Dictionary<string, Volume> { ["AF"] = af }, new Dictionary<string, Volume> { ["FA"] = fa }, group: "train");
        w.AddSubject("af07", null, targets: new Dictionary<string, Volume> { ["AF"] = Coded(1, 3), ["NF"] = Coded(1, 4) }, group: "histology");
        string manifest = w.Save();
        Assert.Equal(Path.Combine(dir.Path, "dataset.json"), manifest);

        var ds = Dataset.Load(dir.Path);
        Assert.Equal("unit", ds.Name);
        Assert.Equal("test set", ds.Description);
        Assert.Equal(axes, ds.Axes);
        Assert.Equal(["mri01", "af07"], ds.SubjectIds);
        Assert.Equal(protocol.Channels, ds.Protocol.Channels, ProtocolChannelComparer.Instance);
        Assert.Equal("train", ds.SubjectGroup("mri01"));
        Assert.Equal(["af07"], ds.SubjectsInGroup("histology"));
        ds.Validate();

        var back = ds.LoadInputs("mri01");
        Assert.Equal(protocol.Names, back.ChannelNames);
        Assert.Equal(axes, back.Axes);
        for (int c = 0; c < 4; c++) Assert.Equal(inputs.Channels[c], back.Channels[c]);
        Assert.Equal(mask.Channels[0], ds.LoadMask("mri01")!.Channels[0]);
        Assert.Equal(labels.Channels[0], ds.LoadLabels("mri01")!.Channels[0]);
        Assert.Equal("int16", VolumeFile.ReadHeader(Path.Combine(dir.Path, "mri01", "labels.nii.gz")).DataType);
        Assert.Equal("uint8", VolumeFile.ReadHeader(Path.Combine(dir.Path, "mri01", "mask.nii.gz")).DataType);
        Assert.Equal(["AF"], ds.TargetNames("mri01"));
        Assert.Equal(af.Channels[0], ds.LoadTarget("mri01", "AF").Channels[0]);
        Assert.Equal(fa.Channels[0], ds.LoadMap("mri01", "FA").Channels[0]);
        Assert.False(ds.HasInputs("af07"));
        Assert.Null(ds.LoadMask("af07"));
        Assert.Equal(["AF", "NF"], ds.TargetNames("af07"));
        Assert.Equal(Coded(1, 4).Channels[0], ds.LoadTarget("af07", "NF").Channels[0]);
    }

    sealed class ProtocolChannelComparer : IEqualityComparer<ProtocolChannel>
    {
        public static readonly ProtocolChannelComparer Instance = new();
        public bool Equals(ProtocolChannel? a, ProtocolChannel? b) =>
            a!.Name == b!.Name && a.Kind == b.Kind && a.BValue == b.BValue && a.OgseFrequencyHz == b.OgseFrequencyHz
            && a.AcquisitionMinutes == b.AcquisitionMinutes && a.Group == b.Group
            && (a.Direction ?? []).SequenceEqual(b.Direction ?? []);
        public int GetHashCode(ProtocolChannel c) => c.Name.GetHashCode();
    }

    static string RepoRoot()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d is not null && !File.Exists(Path.Combine(d.FullName, "MrhNotebooks.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>Gradient table like the authors': 2 b0 lines with a small b, then 30 directions.</summary>
    static string GradText(double b)
    {
        var dirs = GradientDirections.Hemisphere(30);
        var lines = new List<string> { "0, 0, 0, 7.3", "0 0 0 5.0" };
        lines.AddRange(dirs.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d[0]:R}, {d[1]:R}, {d[2]:R}, {b}")));
        return string.Join("\n", lines) + "\n";
    }

    [Fact]
    public void TheAuthorsLayoutTemplateLoadsAndOrdersThe67Channels()
    {
        using var dir = new TempDir();
        File.Copy(Path.Combine(RepoRoot(), "data", "authors-layout.dataset.json"), dir.File("dataset.json"));
        File.WriteAllText(dir.File("grad_2000.txt"), GradText(2000));
        File.WriteAllText(dir.File("grad_5000.txt"), GradText(5000));
        Directory.CreateDirectory(dir.File("histology"));
        VolumeFile.Write(Coded(1, 9), dir.File("histology/AF_average.img"));
        for (int s = 1; s <= 10; s++)
        {
            string id = $"subject{s:00}";
            VolumeFile.Write(Coded(32, 100 * s), dir.File($"{id}/rigidaffine_Lddm_dwi2000.img"), VolumeDataType.Float32);
            VolumeFile.Write(Coded(32, 100 * s + 50000), dir.File($"{id}/rigidaffine_Lddm_dwi5000.img"), VolumeDataType.Float32);
            VolumeFile.Write(Coded(3, 100 * s + 90000), dir.File($"{id}/rigidaffine_lddm_t2MTONOFF.img"), VolumeDataType.Float32);
            VolumeFile.Write(Volume.FromArray(Coded(1, 0), new float[24]), dir.File($"{id}/Masked_outline.img"), VolumeDataType.UInt8);
            VolumeFile.Write(Coded(1, 0), dir.File($"{id}/rigidaffine_Lddm_fa.img"));
        }
        var ds = Dataset.Load(dir.File("dataset.json"));
        ds.Validate();
        Assert.Equal(12, ds.SubjectIds.Count);
        // the groups the figure notebooks read (on the old template's train/test, notebook 01 stopped with
        // "no subjects in group 'mri-test'")
        var study = new Mrh.Experiments.DatasetStudyData(ds);
        Assert.Equal(Enumerable.Range(1, 6).Select(k => $"subject{k:00}"), study.TrainingAnimals);
        Assert.Equal(Enumerable.Range(7, 4).Select(k => $"subject{k:00}"), study.TestAnimals);
        Assert.Equal(["af-average"], study.AfAnimals);
        Assert.Equal(9.25f, study.AfReference().Channels[0][0]);
        Assert.Equal(9.25f, study.Af("af-average").Channels[0][0]);
        Assert.False(ds.HasInputs("af-average"));
        // same channel names, kinds and groups as the built-in default protocol
        var reference = Protocol.Default67();
        Assert.Equal(reference.Names, ds.Protocol.Names);
        Assert.Equal(reference.Channels.Select(c => (c.Kind, c.Group)), ds.Protocol.Channels.Select(c => (c.Kind, c.Group)));
        Assert.Equal(7.3, ds.Protocol[0].BValue);
        Assert.Equal(5000, ds.Protocol[40].BValue);

        var v = ds.LoadInputs("subject03");
        Assert.Equal(67, v.ChannelCount);
        Assert.Equal(new AnatomicalAxes(LeftRight: 0, DorsalVentral: 2, AnteriorPosterior: 1), v.Axes);
        Assert.Equal(300.25f, v.Channels[0][0]);                      // dwi2000 volume 0
        Assert.Equal(300.25f + 31 * 1000, v.Channels[31][0]);         // dwi2000 volume 31
        Assert.Equal(50300.25f, v.Channels[32][0]);                   // dwi5000 volume 0
        Assert.Equal(90300.25f + 2000, v.Channels[66][0]);            // t2MTONOFF volume 2 = MT_off
        Assert.Equal("MT_off", v.ChannelNames[66]);
        Assert.Equal(["FA"], ds.MapNames("subject03"));
        Assert.Empty(ds.TargetNames("subject10")); // the MRI animals' histology is the AF animals'
        Assert.Equal(["AF"], ds.TargetNames("af-reference"));
    }

    static string WriteManifest(TempDir dir, string json)
    {
        File.WriteAllText(dir.File("dataset.json"), json);
        return dir.File("dataset.json");
    }

    [Fact]
    public void VolumesPickAndReorderChannelsOfAFile()
    {
        using var dir = new TempDir();
        VolumeFile.Write(Coded(3, 0), dir.File("t2mt.nii"));
        WriteManifest(dir, """
            { "protocol": { "channels": [ {"name": "T2W", "kind": "t2w"}, {"name": "MT_off", "kind": "mtOff"}, {"name": "MT_on", "kind": "mt-on"} ] },
              "subjects": [ { "id": "s1", "inputs": [ { "file": "t2mt.nii", "volumes": [0, 2, 1] } ] } ] }
            """);
        var v = Dataset.Load(dir.Path).LoadInputs("s1");
        Assert.Equal([0.25f, 2000.25f, 1000.25f], v.Channels.Select(c => c[0]));
        Assert.Equal(["T2W", "MT_off", "MT_on"], v.ChannelNames);
    }

    [Fact]
    public void PresetProtocolAndFslGradients()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("dwi.bval"), "0 1000 1000\n");
        File.WriteAllText(dir.File("dwi.bvec"), "0 1 0\n0 0 1\n0 0 0\n");
        VolumeFile.Write(Coded(3, 0), dir.File("dwi.nii.gz"));
        WriteManifest(dir, """
            { "protocol": { "channels": [ { "bvals": "dwi.bval", "bvecs": "dwi.bvec", "namePrefix": "pgse", "group": "PGSE" } ] },
              "subjects": [ "s1" ], "defaults": { "inputs": [ "dwi.nii.gz" ] } }
            """);
        var ds = Dataset.Load(dir.Path);
        Assert.Equal(["pgse_b0_1", "pgse_dir01", "pgse_dir02"], ds.Protocol.Names);
        Assert.Equal([0.0, 1.0, 0.0], ds.Protocol[2].Direction!);
        Assert.Equal(3, ds.LoadInputs("s1").ChannelCount);

        WriteManifest(dir, """{ "protocol": "ogse42", "subjects": [ "s1" ] }""");
        Assert.Equal(42, Dataset.Load(dir.Path).Protocol.Count);
    }

    [Fact]
    public void ASubjectsNullRemovesTheDefault()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("dwi.bval"), "0 1000 1000\n");
        File.WriteAllText(dir.File("dwi.bvec"), "0 1 0\n0 0 1\n0 0 0\n");
        Directory.CreateDirectory(dir.File("m1"));
        VolumeFile.Write(Coded(3, 0), dir.File("m1/dwi.nii.gz"));
        VolumeFile.Write(Coded(1, 1), dir.File("m1/fa.nii.gz"));
        VolumeFile.Write(Coded(1, 2), dir.File("af.nii.gz"));
        // the MRI animal takes everything from the defaults; the histology-only animal, whose folder does not
        // exist, clears inputs, mask and maps and keeps the default target
        WriteManifest(dir, """
            { "protocol": { "channels": [ { "bvals": "dwi.bval", "bvecs": "dwi.bvec", "namePrefix": "pgse" } ] },
              "defaults": { "inputs": [ "{id}/dwi.nii.gz" ], "mask": "{id}/fa.nii.gz", "maps": { "FA": "{id}/fa.nii.gz" }, "targets": { "AF": "af.nii.gz" } },
              "subjects": [ { "id": "m1", "group": "mri-train" }, { "id": "h1", "group": "af", "inputs": null, "mask": null, "maps": null } ] }
            """);
        var ds = Dataset.Load(dir.Path);
        Assert.True(ds.HasInputs("m1"));
        Assert.False(ds.HasInputs("h1"));
        Assert.Null(ds.LoadMask("h1"));
        Assert.Equal(["AF"], ds.TargetNames("h1"));
        Assert.Equal(["h1"], ds.SubjectsInGroup("af"));
    }

    [Theory]
    [InlineData("""{ "protocol": "default67", "subjects": [ "s1" ], "subjcts": [] }""", "unknown property 'subjcts'")]
    [InlineData("""{ "protocol": "default99", "subjects": [ "s1" ] }""", "unknown preset 'default99'")]
    [InlineData("""{ "subjects": [ "s1" ] }""", "no 'protocol'")]
    [InlineData("""{ "protocol": "default67", "subjects": [ { "id": "s1", "mask": "nothere.nii" } ] }""", "file not found")]
    [InlineData("""{ "protocol": "default67", "subjects": [ { "id": "s1", "mask": 3 } ] }""", "subjects[0] ('s1').mask: expected a string")]
    [InlineData("""{ "protocol": "default67", "subjects": [ "s1", "s1" ] }""", "appears 2 times")]
    [InlineData("""{ "protocol": "default67", "subjects": [ "../up" ] }""", "not a valid subject id")]
    [InlineData("""{ "protocol": { "channels": [ { "name": "x", "kind": "pd" } ] }, "subjects": [ "s1" ] }""", "unknown kind 'pd'")]
    [InlineData("""{ "protocol": { "channels": [ { "name": "x", "kind": "dwi", "bValue": 1000 } ] }, "subjects": [ "s1" ] }""", "needs a 'direction'")]
    [InlineData("""{ "protocol": "default67", "axes": { "leftRight": 0, "dorsalVentral": 0, "anteriorPosterior": 2 }, "subjects": [ "s1" ] }""", "permutation")]
    [InlineData("""{ "format": "other", "protocol": "default67", "subjects": [ "s1" ] }""", "'other' is not 'mrh-dataset'")]
    [InlineData("""{ "protocol": "default67", "subjects": [ "s1" ] """, "invalid JSON")]
    public void BadManifestsAreOneLineErrors(string json, string words)
    {
        using var dir = new TempDir();
        WriteManifest(dir, json);
        var e = Assert.Throws<MrhException>(() => Dataset.Load(dir.Path));
        Assert.Contains("dataset.json", e.Message);
        Assert.Contains(words, e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void ChannelCountMismatchAndUnknownSubjectAreClearErrors()
    {
        using var dir = new TempDir();
        VolumeFile.Write(Coded(2, 0), dir.File("two.nii"));
        WriteManifest(dir, """{ "protocol": "default67", "subjects": [ { "id": "s1", "inputs": [ "two.nii" ] } ] }""");
        var ds = Dataset.Load(dir.Path);
        Assert.Contains("hold 2 channels, but the protocol has 67", Assert.Throws<MrhException>(() => ds.LoadInputs("s1")).Message);
        Assert.Contains("hold 2 channels", Assert.Throws<MrhException>(ds.Validate).Message);
        Assert.Contains("no subject 'nope' (subjects: s1)", Assert.Throws<MrhException>(() => ds.LoadInputs("nope")).Message);
        Assert.Contains("no target 'AF'", Assert.Throws<MrhException>(() => ds.LoadTarget("s1", "AF")).Message);
        Directory.CreateDirectory(dir.File("empty"));
        Assert.Contains("no dataset.json", Assert.Throws<MrhException>(() => Dataset.Load(dir.File("empty"))).Message);
    }

    [Fact]
    public void ValidateFindsGridMismatchesWithoutReadingVoxels()
    {
        using var dir = new TempDir();
        VolumeFile.Write(Coded(3, 0), dir.File("in.nii"));
        VolumeFile.Write(Coded(1, 0, nx: 5), dir.File("mask.nii"));
        WriteManifest(dir, """
            { "protocol": { "channels": [ {"name": "a", "kind": "other"}, {"name": "b", "kind": "other"}, {"name": "c", "kind": "other"} ] },
              "subjects": [ { "id": "s1", "inputs": [ "in.nii" ], "mask": "mask.nii" } ] }
            """);
        var e = Assert.Throws<MrhException>(Dataset.Load(dir.Path).Validate);
        Assert.Contains("mask.nii: grid 5x3x2 differs from 4x3x2", e.Message);
    }

    [Fact]
    public void VoxelSizeOverrideReplacesTheFilesSpacing()
    {
        using var dir = new TempDir();
        VolumeFile.Write(Coded(1, 0), dir.File("t.nii"));
        WriteManifest(dir, """{ "protocol": { "channels": [ {"name": "T2W", "kind": "t2w"} ] }, "voxelSizeMm": [0.0625, 0.0625, 0.0625], "subjects": [ { "id": "s", "inputs": ["t.nii"] } ] }""");
        var v = Dataset.Load(dir.Path).LoadInputs("s");
        Assert.Equal([0.0625, 0.0625, 0.0625], v.Spacing);
        Assert.Equal(Volume.DiagonalAffine([0.0625, 0.0625, 0.0625]), v.Affine);
    }
}
