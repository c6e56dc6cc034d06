using Mrh.Analysis;
using Mrh.Patches;

namespace Mrh.Model;

/// <summary>
/// A trained model as an <see cref="IPatchPredictor"/> (raw patches in, centre predictions out), for contribution
/// analysis, on the device, path and precision of <paramref name="options"/> (default: the CPU in float32).
/// </summary>
public sealed class ModelPatchPredictor(MrhModel model, InferenceOptions? options = null) : IPatchPredictor
{
    public MrhModel Model { get; } = model;
    public InferenceOptions Options { get; } = options ?? new InferenceOptions();

    public float[] Predict(float[] patches, int count)
    {
        int k = Model.PatchSize, c = Model.ChannelNames.Length;
        var set = new PatchSet(count, c, k, Model.Plane, patches, new float[count * k * k], new int[3 * count], new int[count],
            ["patches"], Model.ChannelNames);
        return VolumePredictor.PredictPatches(Model, set, batchSize: Options.BatchSize, compute: Options.Compute, precision: Options.Precision, device: Options.Device).Predictions;
    }
}
