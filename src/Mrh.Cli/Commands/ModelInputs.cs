using Mrh.Cli.Framework;
using Mrh.Data;
using Mrh.Imaging;
using Mrh.Model;
using Mrh.Patches;
using Mrh.IO;

namespace Mrh.Cli.Commands;

/// <summary>
/// The MRI a model is applied to, as `predict` and `contrib` take it: either a dataset subject
/// (--dataset DIR --subject ID; the model's channels picked by name, the subject's own mask) or a 4D file in
/// the model's channel order (--mri FILE, optional --mask FILE).
/// </summary>
internal sealed record ModelInputs(Volume Inputs, bool[]? Mask, string Source)
{
    /// <summary>Checks the option combination (before any file is read).</summary>
    public static void CheckOptions(ParsedArgs args)
    {
        bool fromDataset = args.Has("dataset") || args.Has("subject");
        if (fromDataset == args.Has("mri")) throw new UsageException("give either --dataset DIR --subject ID or --mri FILE");
        if (fromDataset && !(args.Has("dataset") && args.Has("subject"))) throw new UsageException("--dataset and --subject go together");
        if (args.Has("mask") && !args.Has("mri")) throw new UsageException("--mask goes with --mri (a data set has its own masks)");
    }

    /// <summary>The input files and folders named on the command line, for <see cref="OutputPaths.Check"/>.</summary>
    public static List<InputSpec> Paths(ParsedArgs args)
    {
        var inputs = new List<InputSpec>();
        foreach (var option in new[] { "model", "dataset", "mri", "mask" })
            if (args.Get(option) is string path) inputs.Add(new InputSpec("--" + option, path));
        if (args.Get("dataset") is string ds && Directory.Exists(ds)) inputs.Add(new InputSpec("--dataset", Path.Combine(ds, "dataset.json")));
        return inputs;
    }

    public static ModelInputs Load(ParsedArgs args, MrhModel model)
    {
        if (args.Has("dataset"))
        {
            var dataset = Dataset.Load(args.Require("dataset"));
            string id = args.Require("subject");
            if (!dataset.SubjectIds.Contains(id))
                throw new MrhException($"no subject '{id}' in the data set (subjects: {string.Join(", ", dataset.SubjectIds)})");
            var m = dataset.LoadMask(id);
            return new ModelInputs(SelectModelChannels(model, dataset.LoadInputs(id), $"subject {id}"), m == null ? null : VolumeMask.FromVolume(m), $"subject {id}");
        }
        string mri = args.Require("mri");
        var inputs = VolumeFile.Read(mri);
        model.EnsureCompatible(inputs.ChannelNames, mri);
        inputs = inputs.WithChannelNames(model.ChannelNames);
        bool[]? mask = null;
        if (args.Get("mask") is string maskFile)
        {
            var mv = VolumeFile.Read(maskFile);
            if (!mv.SameGrid(inputs)) throw new MrhException($"{maskFile}: mask grid {mv.NX}x{mv.NY}x{mv.NZ} differs from the MRI's {inputs.NX}x{inputs.NY}x{inputs.NZ}");
            mask = VolumeMask.FromVolume(mv);
        }
        return new ModelInputs(inputs, mask, mri);
    }

    /// <summary>The model's channels, by name, out of a data set's inputs (a clear error if any is missing).</summary>
    public static Volume SelectModelChannels(MrhModel model, Volume inputs, string what)
    {
        if (inputs.ChannelNames.SequenceEqual(model.ChannelNames)) return inputs;
        var idx = model.ChannelNames.Select(n => Array.IndexOf(inputs.ChannelNames, n)).ToArray();
        int missing = Array.IndexOf(idx, -1);
        if (missing >= 0)
            throw new MrhException($"{what} has no channel '{model.ChannelNames[missing]}' that the model needs ({inputs.ChannelCount} channels: {string.Join(", ", inputs.ChannelNames.Take(4))}, ...)");
        return inputs.SelectChannels(idx);
    }
}
