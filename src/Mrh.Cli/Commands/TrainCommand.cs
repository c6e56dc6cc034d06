using System.Globalization;
using Mrh.Cli.Framework;
using Mrh.Data;
using Mrh.Experiments;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.Patches;
using Mrh.Presets;
using Mrh.IO;

namespace Mrh.Cli.Commands;

/// <summary>`mrh train`: trains an MRH network on a data set's subjects and saves it as a model folder.</summary>
public sealed class TrainCommand : CliCommand
{
    public override string Name => "train";
    public override string Summary => "train an MRH network (MRI patches -> histology) and save it as a model folder";
    public override string Details =>
        """
        Cuts 3x3 patches from each subject's MRI and target (the authors' sampler by default), holds out
        the validation patches, and trains with the paper's recipe (SGD momentum 0.9, lr 0.1 x0.1 every 10
        epochs, L2 1e-4, per-parameter gradient clipping 0.01, L1 loss, batch 128, early stop 5).
        Writes MODEL_DIR/weights.bin, model.json and training-curve.csv. A subject with both MRI and the target
        trains on itself; histology-only subjects (the AF, NF, MBP animals of the built-in data) are paired with
        the MRI animals of group mri-train as the paper and the notebooks pair them: histology animal j with MRI
        animal j mod n, max(n histology, n MRI) pairs, all registered to one atlas.
        Transfer learning: --from AF_MODEL_DIR --retrain-last 2 (the authors' code) or 3 (the paper)
        re-initialises the last convolutions, freezes the rest and trains at lr 1e-4 (head x10).
        example: mrh phantom --preset smoke --format dataset --out out/ds
                 mrh train --dataset out/ds --target af --preset smoke --out out/models/af
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("dataset", "data set folder (with dataset.json)", ValueName: "DIR"),
        new("target", "histology target: af, nf, mbp, nissl or another name in the data set", ValueName: "NAME"),
        new("out", "model folder to write", ValueName: "DIR"),
        new("subjects", "comma-separated subject ids (default: every subject with the target, except group af-reference)", ValueName: "IDS"),
        new("preset", "smoke, quick (default) or paper", ValueName: "NAME"),
        new("channels", "input channels: names, 1-based ranges or protocol groups (default: all)", ValueName: "LIST"),
        new("epochs", "maximum epochs (default: the preset's)", ValueName: "N"),
        new("seed", "seed of sampling, split, initialisation and shuffles (default 1)", ValueName: "N"),
        new("patches", "at most this many patches in all (default: the preset's)", ValueName: "N"),
        new("sampler", "authors (default for quick/paper) or random", ValueName: "NAME"),
        new("plane", "plane of the patches: coronal (default), horizontal or sagittal", ValueName: "PLANE"),
        new("optimizer", "sgdm (the paper, default) or adam (quick experiments)", ValueName: "NAME"),
        new("lr", "initial learning rate (default 0.1; 1e-4 with --from; 1e-3 with adam)", ValueName: "RATE"),
        new("clipping", "per-parameter (MATLAB's 'l2norm', default), global, absolute or none; threshold 0.01", ValueName: "NAME"),
        new("loss", "l1 (the paper, default) or half-mse (MATLAB's regression layer)", ValueName: "NAME"),
        new("normalization", "robust (per-channel 1st-99th percentile, default) or global-max (the authors')", ValueName: "NAME"),
        new("from", "transfer learning from this trained model folder", ValueName: "DIR"),
        new("retrain-last", "with --from: convolutions to re-initialise and train (default 2)", ValueName: "K"),
        new("transfer", "with --from: freeze (default) or lower-rate for the other layers", ValueName: "MODE"),
        new("threads", "libtorch threads (default: libtorch's; 1 is fastest for small networks on a busy machine)", ValueName: "N"),
        new("reference", "train on libtorch's Conv2d and autograd instead of the (faster, same-function) Winograd engine", false),
        ModelCliParsing.DeviceOption,
        ModelCliParsing.PrecisionOption,
        new("batch", "mini-batch size (default 128, the paper's)", ValueName: "N"),
        new("large-batch", "a named deviation for GPUs: mini-batches of --batch (default 4096) with the learning rate scaled by batch/128", false),
        new("json", "print the result as JSON", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        string datasetDir = args.Require("dataset");
        string target = args.Require("target");
        string outDir = args.Require("out");
        var inputs = new List<InputSpec> { new("--dataset", datasetDir) };
        if (args.Get("from") is string fromDir) inputs.Add(new("--from", fromDir));
        OutputPaths.Check(inputs, OutputSpec.Folder("--out", outDir));
        var preset = PresetNames.Parse(args.Get("preset") ?? "quick");
        var device = ModelCliParsing.Device(args, context);
        var setup = Setup(args, preset, target);
        setup = setup with { Trainer = setup.Trainer with { Device = device, Precision = ModelCliParsing.Precision(args) } };
        if (setup.Trainer.Precision == NumericPrecision.BFloat16 && device == ComputeDevice.Cpu)
            throw new UsageException("--precision bf16 trains on a GPU only (--device cuda)");
        MrhModel? baseModel = args.Get("from") is string from ? ModelCheckpoint.Load(from) : null;
        if (baseModel == null && (args.Has("retrain-last") || args.Has("transfer")))
            throw new UsageException("--retrain-last and --transfer need --from MODEL_DIR");
        if (baseModel != null)
            setup = setup with
            {
                Trainer = args.Has("lr") || args.Has("optimizer") ? setup.Trainer : setup.Trainer.ForTransfer(),
                Transfer = setup.Transfer with
                {
                    RetrainLast = args.GetInt("retrain-last", 2, 1, baseModel.Network.Convolutions.Count),
                    Mode = args.Get("transfer") is string m ? ModelCliParsing.Transfer(m) : TransferMode.Freeze,
                },
            };

        using var threads = TorchThreads.Use(args.Has("threads") ? args.GetInt("threads", 0, 1, 1024) : null);
        var dataset = Dataset.Load(datasetDir);
        string targetName = ResolveTarget(dataset, target, args.Get("subjects"), out var subjects);
        setup = setup with { TargetName = targetName };
        var pairs = Pair(dataset, subjects);
        var patches = new List<PatchSet>();
        string[]? channelNames = null;
        using (var bar = context.Progress($"sampling {pairs.Count} subject(s)", pairs.Count))
            for (int i = 0; i < pairs.Count; i++)
            {
                var source = LoadSubject(dataset, pairs[i].Mri, pairs[i].Histology, targetName, args.Get("channels"), baseModel);
                channelNames ??= source.Inputs.ChannelNames;
                patches.Add(ModelTraining.SampleSubject(source, setup, i));
                bar.Report(i + 1);
            }
        subjects = pairs.Select(p => AnimalPairing.Name(p.Mri, p.Histology)).ToList();
        var all = PatchSet.Concat(patches);
        if (all.Count == 0) throw new MrhException($"no patches passed the sampler's rules in {string.Join(", ", subjects)}");
        patches.Clear();

        TrainedModel trained;
        using (var bar = context.Progress($"training {targetName} ({all.Count:N0} patches)", setup.Trainer.MaxEpochs))
            trained = ModelTraining.TrainOnPatches(all, setup, new EpochProgress(bar), baseModel, Path.GetFullPath(datasetDir),
                args.Get("from") is string f ? Path.GetFullPath(f) : null, ModelTraining.SamplerName(setup));
        using var model = trained.Model;
        var r = trained.Result;
        if (r.StopReason == StopReason.Diverged && r.BestEpoch == 0)
        {
            context.Error.WriteLine($"mrh: error: training diverged (the loss became NaN or infinite in epoch {r.History.Count}) before any improvement; " +
                "nothing was saved: keep the gradient clipping on, or lower --lr");
            baseModel?.Dispose();
            return CommandLine.Failed;
        }
        ModelCheckpoint.Save(model, outDir);
        if (args.Flag("json"))
            context.Out.WriteLine(Json.Serialize(new
            {
                model = Path.GetFullPath(outDir), target = targetName, subjects, channels = model.ChannelNames.Length,
                trainPatches = r.TrainCount, validationPatches = r.ValidationCount, r.BestEpoch, r.BestValidationLoss,
                r.InitialValidationLoss, stop = r.StopReason, r.Seconds, history = r.History,
            }));
        else
        {
            context.Out.WriteLine("epoch  train_loss  val_loss    lr        seconds");
            foreach (var e in r.History)
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Epoch,5}  {e.TrainLoss,10:0.00000}  {e.ValidationLoss,10:0.00000}  {e.LearningRate,-8:g3}  {e.Seconds,7:0.0}{(e.Epoch == r.BestEpoch ? "  best" : "")}"));
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"saved {outDir}: {targetName} from {subjects.Count} subject(s), {r.TrainCount:N0} training / {r.ValidationCount:N0} validation patches, " +
                $"best epoch {r.BestEpoch} (validation loss {r.BestValidationLoss:0.00000}, untrained {r.InitialValidationLoss:0.00000}), {r.StopReason.Name()}, {r.Seconds:0.0} s"));
        }
        baseModel?.Dispose();
        return CommandLine.Ok;
    }

    static TrainingSetup Setup(ParsedArgs args, Preset preset, string target)
    {
        var s = TrainingSetup.For(preset);
        var t = s.Trainer;
        if (args.Get("optimizer") is string opt && ModelCliParsing.Optimizer(opt) == OptimizerKind.Adam) t = t.WithAdam();
        if (args.Has("epochs")) t = t with { MaxEpochs = args.GetInt("epochs", t.MaxEpochs, 1, 100_000) };
        if (args.Has("lr")) t = t with { LearningRate = args.GetDouble("lr", t.LearningRate, 1e-12, 100) };
        if (args.Get("loss") is string loss) t = t with { Loss = ModelCliParsing.Loss(loss) };
        if (args.Get("clipping") is string clip) t = t with { Clipping = ModelCliParsing.Clipping(clip) };
        if (args.Flag("reference")) t = t with { Compute = ComputePath.Reference };
        if (args.Flag("large-batch")) t = t.WithLargeBatch(args.GetInt("batch", TrainerOptions.LargeBatchSize, 1, 1 << 20));
        else if (args.Has("batch")) t = t with { BatchSize = args.GetInt("batch", 128, 1, 1 << 20) };
        s = s with { Trainer = t, Seed = args.GetInt("seed", s.Seed, 0) };
        if (args.Get("sampler") is string sampler) s = s with { Sampler = ModelCliParsing.Sampler(sampler) };
        if (args.Get("normalization") is string norm) s = s with { Normalization = ModelCliParsing.Normalization(norm) };
        if (args.Has("patches"))
        {
            int n = args.GetInt("patches", 0, 10);
            s = s with { MaxPatches = n, Random = s.Random with { Count = Math.Max(s.Random.Count, n) } };
        }
        if (args.Get("plane") is string plane)
        {
            var p = ModelCliParsing.Plane(plane);
            s = s with { Authors = s.Authors with { Plane = p }, Random = s.Random with { Plane = p } };
        }
        return s with { TargetName = target };
    }

    /// <summary>The data set's spelling of the target (af matches AF) and the subjects that have it.</summary>
    static string ResolveTarget(Dataset dataset, string target, string? subjectList, out List<string> subjects)
    {
        var requested = subjectList?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        foreach (var id in requested ?? [])
            if (!dataset.SubjectIds.Contains(id))
                throw new MrhException($"no subject '{id}' in the data set (subjects: {string.Join(", ", dataset.SubjectIds)})");
        subjects = [];
        string? name = null;
        // by default every subject with the target except the reference average, which is what predictions are compared with
        foreach (var id in requested ?? dataset.SubjectIds.Where(id => dataset.SubjectGroup(id) != StudyGroups.AfReference).ToList())
        {
            var match = dataset.TargetNames(id).FirstOrDefault(t => string.Equals(t, target, StringComparison.OrdinalIgnoreCase));
            if (match == null)
            {
                if (requested != null) throw new MrhException($"subject '{id}' has no target '{target}' (it has: {string.Join(", ", dataset.TargetNames(id))})");
                continue;
            }
            name ??= match;
            subjects.Add(id);
        }
        if (name == null) throw new MrhException($"no subject in the data set has the target '{target}'");
        return name;
    }

    /// <summary>
    /// The (MRI subject, target subject) pairs to train on: a subject with both MRI and the target is its own pair;
    /// histology-only subjects are paired with the MRI training animals (group "mri-train", or every subject
    /// with MRI and no target when there is no such group) by <see cref="AnimalPairing"/>, as the figures do.
    /// </summary>
    static IReadOnlyList<(string Mri, string Histology)> Pair(Dataset dataset, IReadOnlyList<string> targetSubjects)
    {
        var pairs = targetSubjects.Where(dataset.HasInputs).Select(id => (id, id)).ToList();
        var histologyOnly = targetSubjects.Where(id => !dataset.HasInputs(id)).ToList();
        if (histologyOnly.Count == 0) return pairs;
        var mri = dataset.SubjectsInGroup(StudyGroups.MriTraining).Where(dataset.HasInputs).ToList();
        if (mri.Count == 0) mri = dataset.SubjectIds.Where(id => dataset.HasInputs(id) && !targetSubjects.Contains(id)).ToList();
        if (mri.Count == 0)
            throw new MrhException($"subjects {string.Join(", ", histologyOnly.Take(3))}{(histologyOnly.Count > 3 ? ", ..." : "")} have the target but no MRI, " +
                                   $"and the data set has no MRI animals to pair them with (group '{StudyGroups.MriTraining}')");
        pairs.AddRange(AnimalPairing.Pairs(mri, histologyOnly));
        return pairs;
    }

    static PatchSource LoadSubject(Dataset dataset, string mriId, string id, string target, string? channels, MrhModel? baseModel)
    {
        var inputs = dataset.LoadInputs(mriId);
        if (channels != null)
            inputs = inputs.SelectChannels(ChannelSelection.Parse(channels, inputs.ChannelNames, dataset.Protocol));
        else if (baseModel != null && inputs.ChannelCount != baseModel.ChannelNames.Length)
            inputs = inputs.SelectChannels(ChannelSelection.Parse(string.Join(',', baseModel.ChannelNames), inputs.ChannelNames));
        var mask = dataset.LoadMask(mriId);
        return new PatchSource(AnimalPairing.Name(mriId, id), inputs, dataset.LoadTarget(id, target), mask == null ? null : VolumeMask.FromVolume(mask));
    }

    sealed class EpochProgress(ProgressBar bar) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => bar.Report(value.Epoch);
    }
}
