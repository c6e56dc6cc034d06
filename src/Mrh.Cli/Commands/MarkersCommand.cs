using Mrh.Cli.Framework;
using Mrh.Data;
using Mrh.Imaging;
using Mrh.Mri;
using Mrh.IO;

namespace Mrh.Cli.Commands;

/// <summary>
/// `mrh markers`: the classic MRI markers (MTR; FA, MD, AD, RD and V1 per diffusion shell) as NIfTI,
/// from a dataset subject or from anyone's own DWI file and gradient table. Reading and writing only;
/// the work is <see cref="MarkerJob"/>.
/// </summary>
public sealed class MarkersCommand : CliCommand
{
    public override string Name => "markers";
    public override string Summary => "classic MRI markers: MTR, and FA/MD/AD/RD/V1 for each diffusion shell, as NIfTI";
    public override string Details => """
        Two ways to call it:
          mrh markers --dataset DIR [--subject ID] --out DIR
              the subject's inputs, mask and protocol from the dataset manifest
          mrh markers --dwi FILE --grad TABLE [--mask FILE] [--mt-off FILE --mt-on FILE] --out DIR
              your own data: a 4D diffusion series and its gradient table, either the authors' text
              format (one 'gx, gy, gz, b' line per volume) or an FSL pair given as BVALS,BVECS

        Files written to the output folder (float32 NIfTI, 0 outside the mask):
          mtr.nii.gz                 magnetization transfer ratio (M0 - Mt) / M0, a fraction
          SHELL_fa.nii.gz            fractional anisotropy
          SHELL_md.nii.gz            mean diffusivity, mm^2/s
          SHELL_ad.nii.gz            axial diffusivity (largest eigenvalue), mm^2/s
          SHELL_rd.nii.gz            radial diffusivity (mean of the two others), mm^2/s
          SHELL_v1.nii.gz            principal direction, 3 volumes x, y, z (z >= 0)
        SHELL names the b-value, e.g. b2000, b5000 (b700_ogse50 for an OGSE set). Each shell is fitted
        separately with the b0 images (b below --b0-threshold): all of them, or in a dataset the b0s
        of the shell's own series. The tensor is a log-linear least-squares fit (OLS; --method wls for
        weights from the OLS-predicted signal squared, as dipy's WLS).
        """;

    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("dataset", "dataset folder (or its dataset.json)", ValueName: "DIR"),
        new("subject", "subject id in the dataset (default: the only one)", ValueName: "ID"),
        new("dwi", "4D diffusion-weighted image (.nii, .nii.gz, .hdr)", ValueName: "FILE"),
        new("grad", "gradient table: 'gx, gy, gz, b' text file, or BVALS,BVECS (FSL)", ValueName: "TABLE"),
        new("mask", "brain mask for --dwi (non-zero inside)", ValueName: "FILE"),
        new("mt-off", "MT baseline image M0, for an MTR map with --dwi", ValueName: "FILE"),
        new("mt-on", "MT-weighted image Mt, for an MTR map with --dwi", ValueName: "FILE"),
        new("out", "output folder (created if needed)", ValueName: "DIR"),
        new("method", "ols (default) or wls", ValueName: "NAME"),
        new("b0-threshold", "b-values below this are b0 images (default 50 s/mm^2)", ValueName: "B"),
        new("threads", "threads for the fit (default: all cores)", ValueName: "N"),
        new("json", "print what was written as JSON", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        bool dataset = args.Has("dataset"), own = args.Has("dwi") || args.Has("mt-off") || args.Has("mt-on");
        if (dataset == own)
            throw new UsageException(dataset
                ? "give either --dataset or --dwi/--mt-off/--mt-on, not both"
                : "give --dataset DIR, or --dwi FILE --grad TABLE (see `mrh markers --help`)");
        string outDir = args.Require("out");
        OutputPaths.Check(new[] { "dataset", "dwi", "mask", "mt-off", "mt-on" }
            .Where(args.Has).Select(o => new InputSpec("--" + o, args.Require(o))).ToList(), OutputSpec.Folder("--out", outDir));
        var options = ParseOptions(args);
        double b0Threshold = args.GetDouble("b0-threshold", GradientTable.DefaultB0Threshold, 0, 10000);

        var written = new List<(NamedMap Map, string Path)>();
        IReadOnlyList<DiffusionShell> shells;
        string? subject = null;
        if (dataset)
        {
            if (args.Has("grad") || args.Has("mask")) throw new UsageException("--grad and --mask go with --dwi; a dataset has its own");
            (subject, shells) = RunDataset(args.Require("dataset"), args.Get("subject"), options, b0Threshold, outDir, context, written);
        }
        else
        {
            if (args.Has("subject")) throw new UsageException("--subject goes with --dataset");
            shells = RunOwnData(args, options, b0Threshold, outDir, context, written);
        }

        if (args.Flag("json"))
        {
            context.Out.WriteLine(Json.Serialize(new
            {
                subject,
                output = Path.GetFullPath(outDir),
                shells = shells.Select(s => new { s.Name, s.BValue, s.OgseFrequencyHz, B0Images = s.B0Count, DwiImages = s.DwiCount }),
                maps = written.Select(w => new { w.Map.Name, File = w.Path, w.Map.Description }),
            }));
        }
        else
        {
            foreach (var (map, path) in written) context.Out.WriteLine($"{path}  ({map.Description})");
        }
        return CommandLine.Ok;
    }

    static TensorFitOptions ParseOptions(ParsedArgs args)
    {
        var method = (args.Get("method") ?? "ols").Trim().ToLowerInvariant() switch
        {
            "ols" or "ls" => TensorFitMethod.Ols,
            "wls" => TensorFitMethod.Wls,
            var m => throw new UsageException($"--method must be ols or wls, got '{m}'"),
        };
        return new TensorFitOptions { Method = method, MaxThreads = args.GetInt("threads", -1, 1, 1024) };
    }

    static (string Subject, IReadOnlyList<DiffusionShell> Shells) RunDataset(string dir, string? subject, TensorFitOptions options,
        double b0Threshold, string outDir, CliContext context, List<(NamedMap, string)> written)
    {
        var ds = Dataset.Load(dir);
        if (subject is null)
        {
            if (ds.SubjectIds.Count != 1)
                throw new UsageException($"--subject is needed: the dataset has {ds.SubjectIds.Count} subjects ({Short(ds.SubjectIds)})");
            subject = ds.SubjectIds[0];
        }
        else if (!ds.SubjectIds.Contains(subject))
        {
            throw new MrhException($"{dir}: no subject '{subject}' (subjects: {Short(ds.SubjectIds)})");
        }
        var job = new MarkerJob(WithB0Threshold(ds.Protocol, b0Threshold), options);
        foreach (var note in job.Notes) context.Error.WriteLine($"mrh: note: {note}");
        var inputs = ds.LoadInputs(subject);
        var mask = ds.LoadMask(subject);
        if (mask is null) context.Error.WriteLine("mrh: note: the dataset has no mask for this subject; fitting every voxel");
        IReadOnlyList<NamedMap> maps;
        using (var bar = context.Progress($"markers {subject}", job.WorkUnits(inputs)))
            maps = job.Run(inputs, mask, bar);
        Write(maps, outDir, written);
        return (subject, job.Shells);
    }

    /// <summary>The protocol with a b0 threshold applied: Dwi channels below it become B0 (as in a gradient table).</summary>
    static Protocol WithB0Threshold(Protocol p, double threshold) =>
        new(p.Channels.Select(c => c.Kind == ChannelKind.Dwi && c.BValue < threshold ? c with { Kind = ChannelKind.B0 } : c).ToArray());

    static IReadOnlyList<DiffusionShell> RunOwnData(ParsedArgs args, TensorFitOptions options, double b0Threshold,
        string outDir, CliContext context, List<(NamedMap, string)> written)
    {
        string? dwiPath = args.Get("dwi"), gradSpec = args.Get("grad"), maskPath = args.Get("mask");
        string? offPath = args.Get("mt-off"), onPath = args.Get("mt-on");
        if ((offPath is null) != (onPath is null)) throw new UsageException("the MTR needs both --mt-off and --mt-on");
        if (dwiPath is not null && gradSpec is null) throw new UsageException("--dwi needs --grad TABLE (a 'gx, gy, gz, b' text file or BVALS,BVECS)");
        if (dwiPath is null && gradSpec is not null) throw new UsageException("--grad goes with --dwi");

        // everything that can be checked without the images first: the table and the shells
        MarkerJob? job = null;
        GradientTable? table = null;
        if (gradSpec is not null)
        {
            table = GradientTable.Read(gradSpec, b0Threshold);
            job = new MarkerJob(table, options);
        }
        Volume? mask = maskPath is null ? null : ReadMask(maskPath);
        var maps = new List<NamedMap>();
        if (offPath is not null && onPath is not null)
        {
            var m0 = VolumeFile.Read(offPath);
            var mt = VolumeFile.Read(onPath);
            if (m0.ChannelCount != 1 || mt.ChannelCount != 1)
                throw new MrhException($"{(m0.ChannelCount != 1 ? offPath : onPath)}: expected one 3D image, got {(m0.ChannelCount != 1 ? m0.ChannelCount : mt.ChannelCount)} volumes");
            if (!mt.SameGrid(m0)) throw new MrhException($"{onPath} is {mt.NX}x{mt.NY}x{mt.NZ} voxels but {offPath} is {m0.NX}x{m0.NY}x{m0.NZ}");
            CheckMask(mask, m0, maskPath, offPath);
            maps.Add(new("mtr", "magnetization transfer ratio (M0 - Mt) / M0", MagnetizationTransfer.Ratio(m0, mt, mask)));
        }
        if (job is not null && table is not null && dwiPath is not null)
        {
            var dwi = VolumeFile.Read(dwiPath);
            if (dwi.ChannelCount != table.Count)
                throw new MrhException($"{dwiPath} has {dwi.ChannelCount} volumes but the gradient table {gradSpec} has {table.Count} entries");
            CheckMask(mask, dwi, maskPath, dwiPath);
            using var bar = context.Progress("markers", job.WorkUnits(dwi));
            maps.AddRange(job.Run(dwi, mask, bar));
        }
        Write(maps, outDir, written);
        return job?.Shells ?? [];
    }

    static Volume ReadMask(string path)
    {
        var mask = VolumeFile.Read(path);
        if (mask.ChannelCount != 1) throw new MrhException($"{path}: a mask must be one 3D image, got {mask.ChannelCount} volumes");
        return mask;
    }

    static void CheckMask(Volume? mask, Volume image, string? maskPath, string imagePath)
    {
        if (mask is not null && !mask.SameGrid(image))
            throw new MrhException($"{maskPath} is {mask.NX}x{mask.NY}x{mask.NZ} voxels but {imagePath} is {image.NX}x{image.NY}x{image.NZ}");
    }

    static void Write(IReadOnlyList<NamedMap> maps, string outDir, List<(NamedMap, string)> written)
    {
        Directory.CreateDirectory(outDir);
        foreach (var map in maps)
        {
            string path = Path.Combine(outDir, map.Name + ".nii.gz");
            VolumeFile.Write(map.Map, path, VolumeDataType.Float32);
            written.Add((map, path));
        }
    }

    static string Short(IReadOnlyList<string> ids) =>
        ids.Count <= 8 ? string.Join(", ", ids) : string.Join(", ", ids.Take(8)) + $", ... ({ids.Count})";
}
