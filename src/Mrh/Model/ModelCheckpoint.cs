using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mrh.Model;

/// <summary>
/// A model on disk: a folder holding <c>weights.bin</c> (TorchSharp's state format), <c>model.json</c>
/// (<see cref="ModelMetadata"/>, with the weights' SHA-256) and, when there is a history,
/// <c>training-curve.csv</c>. Each file is written to a temporary name and renamed into place, the JSON
/// last; loading validates the JSON, the architecture, the checksum and the tensor shapes, and reports
/// any problem as one <see cref="MrhException"/> line naming the file.
/// </summary>
public static class ModelCheckpoint
{
    public const string MetadataFile = "model.json";
    public const string CurveFile = "training-curve.csv";

    /// <summary>JSON settings of model.json: camelCase, indented, enums as strings.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Writes the model into <paramref name="directory"/> (created if needed).</summary>
    public static void Save(MrhModel model, string directory)
    {
        Directory.CreateDirectory(directory);
        var weights = model.Network.WeightBytes();
        var meta = model.Metadata with
        {
            ParameterCount = model.Network.ParameterCount,
            WeightsSha256 = Convert.ToHexStringLower(SHA256.HashData(weights)),
            Versions = model.Metadata.Versions ?? VersionInfo.Current(),
            CreatedUtc = model.Metadata.CreatedUtc == default ? DateTime.UtcNow : model.Metadata.CreatedUtc,
        };
        WriteAtomic(Path.Combine(directory, meta.WeightsFile), weights);
        if (meta.Result is { History.Count: > 0 } r)
            WriteAtomic(Path.Combine(directory, CurveFile), Encoding.UTF8.GetBytes(CurveCsv(r)));
        WriteAtomic(Path.Combine(directory, MetadataFile), JsonSerializer.SerializeToUtf8Bytes(meta, JsonOptions));
    }

    /// <summary>Reads a model folder (or the path of its model.json).</summary>
    public static MrhModel Load(string path)
    {
        string dir = File.Exists(path) && Path.GetFileName(path) == MetadataFile ? Path.GetDirectoryName(Path.GetFullPath(path))! : path;
        string metaPath = Path.Combine(dir, MetadataFile);
        if (!Directory.Exists(dir)) throw new MrhException($"{dir}: no such model folder");
        if (!File.Exists(metaPath)) throw new MrhException($"{dir}: not a model folder (no {MetadataFile})");
        var meta = ReadMetadata(metaPath);
        string weightsPath = Path.Combine(dir, meta.WeightsFile);
        if (!File.Exists(weightsPath)) throw new MrhException($"{weightsPath}: weights file missing");
        var bytes = File.ReadAllBytes(weightsPath);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), meta.WeightsSha256, StringComparison.OrdinalIgnoreCase))
            throw new MrhException($"{weightsPath}: weights do not match {MetadataFile} (checksum differs: corrupt or from another model)");
        var net = new MrhNetwork(meta.Network);
        try
        {
            using var ms = new MemoryStream(bytes);
            net.load(ms, strict: true);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            net.Dispose();
            throw new MrhException($"{weightsPath}: cannot load the weights into a {Describe(meta.Network)} network ({FirstLine(e.Message)})", e);
        }
        if (net.ParameterCount != meta.Network.ParameterCount)
        {
            net.Dispose();
            throw new MrhException($"{weightsPath}: {net.ParameterCount} parameters loaded, the architecture has {meta.Network.ParameterCount}");
        }
        net.eval();
        return new MrhModel(net, meta);
    }

    /// <summary>Reads and validates model.json alone (no weights).</summary>
    public static ModelMetadata ReadMetadata(string metaPath)
    {
        ModelMetadata? meta;
        try
        {
            meta = JsonSerializer.Deserialize<ModelMetadata>(File.ReadAllBytes(metaPath), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new MrhException($"{metaPath}: not a valid model description ({FirstLine(e.Message)})", e);
        }
        if (meta is null) throw new MrhException($"{metaPath}: empty model description");
        if (meta.Format != ModelMetadata.FormatName) throw new MrhException($"{metaPath}: not an MRH model (format '{meta.Format}')");
        if (meta.FormatVersion != ModelMetadata.CurrentFormatVersion)
            throw new MrhException($"{metaPath}: model format version {meta.FormatVersion} is not supported (expected {ModelMetadata.CurrentFormatVersion})");
        try
        {
            meta.Network.Validate();
            if (meta.ChannelNames is null || meta.ChannelNames.Length != meta.Network.InputChannels)
                throw new MrhException($"{meta.ChannelNames?.Length ?? 0} channel names for {meta.Network.InputChannels} input channels");
            if (meta.PatchSize < 1 || meta.PatchSize % 2 == 0) throw new MrhException($"patch size {meta.PatchSize} is not a positive odd number");
            if (meta.Normalization is null) throw new MrhException("no normalisation");
            meta.Normalization.Validate(meta.Network.InputChannels);
            if (string.IsNullOrEmpty(meta.WeightsFile) || meta.WeightsFile != Path.GetFileName(meta.WeightsFile))
                throw new MrhException($"invalid weights file name '{meta.WeightsFile}'");
        }
        catch (MrhException e)
        {
            throw new MrhException($"{metaPath}: {e.Message}", e);
        }
        return meta;
    }

    /// <summary>The loss curve as CSV: epoch, train_loss, validation_loss, learning_rate, seconds, best.</summary>
    public static string CurveCsv(TrainingResult result)
    {
        var sb = new StringBuilder("epoch,train_loss,validation_loss,learning_rate,seconds,best\n");
        sb.Append(CultureInfo.InvariantCulture, $"0,,{result.InitialValidationLoss:R},,,{(result.BestEpoch == 0 ? 1 : 0)}\n");
        foreach (var e in result.History)
            sb.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.TrainLoss:R},{e.ValidationLoss:R},{e.LearningRate:R},{e.Seconds:0.###},{(e.Epoch == result.BestEpoch ? 1 : 0)}\n");
        return sb.ToString();
    }

    static string Describe(NetworkConfig c) => $"{c.InputChannels}-channel, {c.Blocks}-block, width-{c.Width}";

    static void WriteAtomic(string path, byte[] bytes) => Mrh.IO.AtomicFile.WriteAllBytes(path, bytes);

    static string FirstLine(string s)
    {
        int i = s.IndexOfAny(['\r', '\n']);
        return (i < 0 ? s : s[..i]).Trim();
    }
}
