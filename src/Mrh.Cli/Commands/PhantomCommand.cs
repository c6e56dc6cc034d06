using System.Diagnostics;
using Mrh.Cli.Framework;
using Mrh.Imaging;
using Mrh.Phantom;
using Mrh.Presets;
using Mrh.IO;

namespace Mrh.Cli.Commands;

/// <summary>`mrh phantom`: generate the digital mouse brain study and write it to a folder.</summary>
public sealed class PhantomCommand : CliCommand
{
    public override string Name => "phantom";
    public override string Summary => "generate the digital mouse brain (MRI, histology, labels) and write the cohorts to a folder";
    public override string Details =>
        """
        Writes, under --out: phantom.json (grid, seed, cohorts, files), preview.png (coronal, sagittal and
        horizontal sections of several contrasts), atlas/labels and atlas/mask, af-reference, and per cohort
        and animal the MRI (all protocol images in order), its labels and mask, and its histology. Volumes are
        written in the phantom's raw format (.mrhv: JSON header + float32) or, with --format nifti, as
        .nii.gz. Generated animals are cached (data/generated/phantom in the repository, or
        $MRH_PHANTOM_CACHE), so a second run or the notebooks reuse them.
        Cohorts: mri-train, mri-test, shiverer, shiverer-control, sas4, sas4-control, af, af-reference, nf, mbp, nissl.
        With --layout authors: the 6 training and 4 test MRI animals as the authors' published files
        (subjectNN/rigidaffine_Lddm_dwi2000.img, ..._dwi5000.img, rigidaffine_lddm_t2MTONOFF.img,
        rigidaffine_Lddm_fa.img, Masked_outline.img; histology/AF_average.img; grad_2000.txt, grad_5000.txt) and
        the template data/authors-layout.dataset.json as dataset.json, for `mrh train|predict --dataset DIR`.
        Example: mrh phantom --preset quick --out out/phantom --cohorts mri-train,mri-test,af
        """;

    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("preset", "smoke, quick (default) or paper", ValueName: "NAME"),
        new("out", "output folder (required)", ValueName: "DIR"),
        new("seed", "study seed (default 1)", ValueName: "N"),
        new("cohorts", "comma-separated cohort names (default: all)", ValueName: "LIST"),
        new("format", "raw (default), nifti, or dataset (NIfTI + dataset.json for the figure notebooks; Fig. 4's PGSE + OGSE animals in ogse/)", ValueName: "FORMAT"),
        new("layout", "authors: the MRI cohorts in the authors' published layout (Analyze files, subject01..10), read by data/authors-layout.dataset.json", ValueName: "NAME"),
        new("no-cache", "do not read or write the phantom cache", false),
        new("json", "print the summary as JSON", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        var preset = PresetNames.Parse(args.Get("preset") ?? "quick");
        var outDir = args.Require("out");
        int seed = args.GetInt("seed", 1, 0, int.MaxValue);
        string format = (args.Get("format") ?? "raw").ToLowerInvariant();
        if (format is not ("raw" or "nifti" or "dataset")) throw new UsageException($"--format must be raw, nifti or dataset, got '{format}'");
        OutputPaths.Check([], OutputSpec.Folder("--out", outDir));
        string? layout = args.Get("layout")?.ToLowerInvariant();
        if (layout is not (null or "authors")) throw new UsageException($"--layout must be authors, got '{args.Get("layout")}'");
        if (layout != null && (args.Has("format") || args.Has("cohorts")))
            throw new UsageException("--layout authors writes the MRI cohorts as the authors' Analyze files: it takes no --format or --cohorts");
        var study = new PhantomStudy(PhantomConfig.For(preset), (ulong)seed, args.Flag("no-cache") ? null : PhantomCache.Default());
        if (layout == "authors")
        {
            string authorsManifest;
            using (var bar = context.Progress($"phantom, authors' layout ({preset.Name()})", AuthorsLayoutExport.SubjectIds(study).Count + 1))
                authorsManifest = AuthorsLayoutExport.Export(study, outDir, bar);
            context.Out.WriteLine(authorsManifest);
            context.Error.WriteLine($"wrote {string.Join(", ", AuthorsLayoutExport.SubjectIds(study))} in the authors' layout, with data/authors-layout.dataset.json as {authorsManifest}");
            return CommandLine.Ok;
        }
        if (format == "dataset")
        {
            if (args.Has("cohorts")) throw new UsageException("--cohorts does not apply to --format dataset (it writes the cohorts the notebooks read)");
            var exportClock = Stopwatch.StartNew();
            string manifestPath;
            using (var bar = context.Progress($"phantom dataset ({preset.Name()})", PhantomDatasetExport.SubjectCount(study)))
                manifestPath = PhantomDatasetExport.Export(study, outDir, progress: bar);
            context.Out.WriteLine(manifestPath);
            context.Error.WriteLine($"wrote {PhantomDatasetExport.SubjectCount(study)} subjects in {exportClock.Elapsed.TotalSeconds:0.0} s");
            // Fig. 4's PGSE + OGSE animals have another protocol, so they get a manifest of their own
            string ogsePath;
            using (var bar = context.Progress($"phantom OGSE dataset ({preset.Name()})", PhantomDatasetExport.OgseSubjectCount(study)))
                ogsePath = PhantomDatasetExport.ExportOgse(study, outDir, progress: bar);
            context.Out.WriteLine(ogsePath);
            context.Error.WriteLine($"wrote {PhantomDatasetExport.OgseSubjectCount(study)} PGSE + OGSE subjects (notebook 04 finds them next to the main manifest); " +
                                    $"run every notebook on the files with: mrh reproduce --dataset {manifestPath}");
            return CommandLine.Ok;
        }
        var selected = SelectCohorts(study, args.Get("cohorts"));
        string extension = format == "raw" ? RawVolumeFile.Extension : ".nii.gz";

        var clock = Stopwatch.StartNew();
        var files = new List<string>();
        int total = 3 + selected.Sum(c => c.Count * ((c.HasMri ? 3 : 0) + c.Stains.Count)) + (selected.Contains(study.AfReferenceAnimals) ? 1 : 0);
        using (var bar = context.Progress($"phantom ({preset.Name()})", total))
        {
            long done = 0;
            void Save(Volume v, string relative)
            {
                var path = Path.Combine(outDir, relative + extension);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                if (format == "raw") RawVolumeFile.Write(v, path); else VolumeFile.Write(v, path);
                files.Add(Path.GetRelativePath(outDir, path).Replace('\\', '/'));
                bar.Report(++done);
                // On large grids each product is ~1 GB of short-lived arrays; collect between products so the
                // process stays near its live size (~2 GB on the paper grid) instead of growing with garbage.
                if (study.Grid.VoxelCount > 2_000_000) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            }
            var atlas = study.Atlas();
            Save(study.Grid.CreateVolume(atlas.LabelsAsFloat(), "label"), "atlas/labels");
            Save(study.Grid.CreateVolume(atlas.Mask(), "mask"), "atlas/mask");
            foreach (var cohort in selected)
            {
                if (cohort == study.AfReferenceAnimals) { Save(study.AfReference(), "af-reference"); continue; }
                for (int i = 0; i < cohort.Count; i++)
                {
                    string dir = $"{cohort.Name}/{cohort.Animals[i].Id}";
                    if (cohort.HasMri)
                    {
                        Save(cohort.Mri(i), $"{dir}/mri");
                        Save(cohort.Labels(i), $"{dir}/labels");
                        Save(cohort.Mask(i), $"{dir}/mask");
                    }
                    foreach (var stain in cohort.Stains) Save(cohort.Histology(i, stain), $"{dir}/{stain.ShortName()}");
                }
            }
            WritePreview(study, selected, Path.Combine(outDir, "preview.png"));
            files.Add("preview.png");
            bar.Report(++done);
        }
        var process = Process.GetCurrentProcess();
        var summary = new RunSummary(
            PhantomConfig.GeneratorVersion, preset.Name(), seed, study.Grid.NX, study.Grid.NY, study.Grid.NZ, study.Grid.Spacing, format,
            selected.Select(c => new CohortSummary(c.Name, c.Description, c.Count, c.Protocol?.Count ?? 0, c.Stains.Select(s => s.ShortName()).ToArray(),
                c.Animals.Select(a => a.Id).ToArray())).ToArray(),
            files.ToArray(), Math.Round(clock.Elapsed.TotalSeconds, 2), process.PeakWorkingSet64 / (1024 * 1024), study.Cache?.Directory);
        var json = Json.Serialize(summary);
        var manifest = Path.Combine(outDir, "phantom.json");
        Mrh.IO.AtomicFile.WriteText(manifest, json);
        if (args.Flag("json")) context.Out.WriteLine(json);
        else
        {
            context.Out.WriteLine($"digital mouse brain: {preset.Name()}, seed {seed}, grid {study.Grid}");
            foreach (var c in summary.Cohorts)
                context.Out.WriteLine($"  {c.Name,-18} {c.Animals,4} x {c.Description}");
            context.Out.WriteLine($"wrote {files.Count} files to {Path.GetFullPath(outDir)} in {summary.Seconds:0.0} s (peak memory {summary.PeakMemoryMb} MB)");
        }
        return CommandLine.Ok;
    }

    static IReadOnlyList<Cohort> SelectCohorts(PhantomStudy study, string? list)
    {
        if (string.IsNullOrWhiteSpace(list)) return study.Cohorts;
        var names = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return names.Select(n => study.Cohorts.FirstOrDefault(c => c.Name == n)
            ?? throw new UsageException($"unknown cohort '{n}' (cohorts: {string.Join(", ", study.Cohorts.Select(c => c.Name))})")).Distinct().ToArray();
    }

    /// <summary>The standard study picture when everything was generated; otherwise the selected cohorts' first animals.</summary>
    static void WritePreview(PhantomStudy study, IReadOnlyList<Cohort> selected, string path)
    {
        if (selected.Count == study.Cohorts.Count)
        {
            PhantomPreview.WritePng(path, study.Grid, PhantomPreview.StudyMaps(study), study.Atlas().Mask());
            return;
        }
        var maps = new List<PhantomPreview.Map>();
        var atlas = study.Atlas();
        maps.Add(new("labels", atlas.LabelsAsFloat(), true));
        var mriCohort = selected.FirstOrDefault(c => c.HasMri && c.Count > 0);
        if (mriCohort is not null) maps.AddRange(PhantomPreview.MriMaps(mriCohort.Mri(0), mriCohort.Protocol!));
        foreach (var c in selected.Where(c => !c.HasMri && c.Count > 0 && c != study.AfReferenceAnimals).Take(3))
            maps.Add(new(c.Stains[0].ShortName(), c.Histology(0).Channels[0]));
        PhantomPreview.WritePng(path, study.Grid, maps, atlas.Mask());
    }

    sealed record CohortSummary(string Name, string Description, int Animals, int MriImages, string[] Stains, string[] AnimalIds);

    sealed record RunSummary(string Generator, string Preset, int Seed, int Nx, int Ny, int Nz, double SpacingMm, string Format,
        CohortSummary[] Cohorts, string[] Files, double Seconds, long PeakMemoryMb, string? Cache);
}
