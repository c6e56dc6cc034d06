using Mrh.Cli.Framework;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.IO;

namespace Mrh.Cli.Commands;

/// <summary>`mrh predict`: applies a trained model to every in-brain voxel of a subject's MRI.</summary>
public sealed class PredictCommand : CliCommand
{
    public override string Name => "predict";
    public override string Summary => "predict a histology map from MRI with a trained model (whole volume, any plane)";
    public override string Details =>
        """
        Every voxel in the brain mask gets its own 3x3 patch in the chosen plane; the centre of the
        network's output is written back. Voxels outside the mask are 0. Output: NIfTI (.nii or .nii.gz).
        Either --dataset DIR --subject ID (channels picked by name), or --mri FILE: a co-registered 4D
        volume whose volumes are in the model's channel order (see `mrh model info MODEL_DIR`), with an
        optional --mask FILE (default: every voxel).
        example (after the two lines of `mrh train --help`):
                 mrh predict --model out/models/af --dataset out/ds --subject mri-test-01 --out out/af-mri-test-01.nii.gz
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("model", "trained model folder", ValueName: "DIR"),
        new("dataset", "data set folder", ValueName: "DIR"),
        new("subject", "subject id in the data set", ValueName: "ID"),
        new("mri", "a 4D MRI volume instead of a data set", ValueName: "FILE"),
        new("mask", "with --mri: brain mask volume (non-zero inside)", ValueName: "FILE"),
        new("out", "output volume (.nii or .nii.gz)", ValueName: "FILE"),
        new("plane", "plane of the patches (default: the model's training plane)", ValueName: "PLANE"),
        new("features", "also write the penultimate-layer features (W channels) to this file", ValueName: "FILE"),
        new("batch", "patches per forward pass (default 4096)", ValueName: "N"),
        new("threads", "libtorch threads (default: libtorch's)", ValueName: "N"),
        new("reference", "run libtorch's Conv2d instead of the (faster, same-function) Winograd engine", false),
        new("bf16", "bfloat16 matrix products (an option: predictions differ from float32 by ~1e-2 relative); the same as --precision bf16", false),
        ModelCliParsing.DeviceOption,
        ModelCliParsing.PrecisionOption,
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        string modelDir = args.Require("model");
        string outFile = args.Require("out");
        ModelInputs.CheckOptions(args);
        var outputs = new List<OutputSpec> { OutputSpec.File("--out", outFile, OutputPaths.NiftiExtensions) };
        if (args.Get("features") is string featuresFile) outputs.Add(OutputSpec.File("--features", featuresFile, OutputPaths.NiftiExtensions));
        OutputPaths.Check(ModelInputs.Paths(args), [.. outputs]);
        var options = new InferenceOptions
        {
            Plane = args.Get("plane") is string p ? ModelCliParsing.Plane(p) : null,
            BatchSize = args.GetInt("batch", 4096, 1, 1 << 20),
            Features = args.Has("features"),
            Compute = args.Flag("reference") ? ComputePath.Reference : ComputePath.Fast,
            Precision = args.Flag("bf16") ? NumericPrecision.BFloat16 : ModelCliParsing.Precision(args),
            Device = ModelCliParsing.Device(args, context),
        };
        if (args.Flag("bf16") && args.Has("precision")) throw new UsageException("give --bf16 or --precision, not both");
        if (args.Flag("reference") && args.Flag("bf16")) throw new UsageException("--reference and --bf16 exclude each other");
        using var threads = TorchThreads.Use(args.Has("threads") ? args.GetInt("threads", 0, 1, 1024) : null);
        using var model = ModelCheckpoint.Load(modelDir);

        var (inputs, mask, source) = ModelInputs.Load(args, model);

        var plane = options.Plane ?? model.Plane;
        PredictionResult result;
        using (var bar = context.Progress($"predicting {model.TargetName} ({plane.Name()})", inputs.SectionCount(plane)))
            result = VolumePredictor.Predict(model, inputs, mask, options, bar);
        VolumeFile.Write(result.Prediction, outFile);
        if (result.Features != null) VolumeFile.Write(result.Features, args.Require("features"));
        context.Out.WriteLine($"wrote {outFile}: {model.TargetName} predicted at {result.PredictedVoxels:N0} voxels of {source} ({plane.Name()} patches)");
        return CommandLine.Ok;
    }
}
