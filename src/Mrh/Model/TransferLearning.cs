using System.Text.Json.Serialization;

namespace Mrh.Model;

/// <summary>What happens to the layers that are not re-initialised.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TransferMode>))]
public enum TransferMode
{
    /// <summary>Frozen (requires_grad false): bit-identical after training. The paper's "fix most layers".</summary>
    Freeze,
    /// <summary>Trained at <see cref="TransferOptions.BodyLearnRateFactor"/> times the learning rate.</summary>
    LowerRate,
}

/// <summary>
/// Transfer learning from a trained network (e.g. MRH-AF to MRH-NF/MBP): the last
/// <see cref="RetrainLast"/> convolutions are re-initialised and trained at
/// <see cref="HeadLearnRateFactor"/> x the learning rate; the rest is frozen or trained slower.
/// The authors' code replaces conv4 and conv5 (k = 2) with layers whose learning-rate factors are 10;
/// the paper's text says "the last three convolutional layers" (k = 3). Use
/// <see cref="TrainerOptions.ForTransfer"/> for the initial learning rate of 1e-4.
/// </summary>
public sealed record TransferOptions
{
    public int RetrainLast { get; init; } = 2;
    public TransferMode Mode { get; init; } = TransferMode.Freeze;
    public double HeadLearnRateFactor { get; init; } = 10;
    public double BodyLearnRateFactor { get; init; } = 0.1;
    /// <summary>Seed of the re-initialisation of the head.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The authors' code: conv4 and conv5 re-initialised, 10x learning rate, the rest frozen.</summary>
    public static TransferOptions Code => new();
    /// <summary>The paper's text: the last three convolutions trainable.</summary>
    public static TransferOptions Paper => new() { RetrainLast = 3 };
}

/// <summary>A network prepared for transfer learning and the learning-rate factors to train it with.</summary>
public sealed record TransferSetup(MrhNetwork Network, IReadOnlyDictionary<string, double> LearnRateFactors, string[] ReinitializedLayers, string[] FrozenLayers);

public static class TransferLearning
{
    /// <summary>
    /// A copy of <paramref name="trained"/> (which is left untouched) with its last convolutions
    /// re-initialised, and the learning-rate factors for <see cref="Trainer.Train"/> (frozen layers: 0).
    /// </summary>
    public static TransferSetup Prepare(MrhNetwork trained, TransferOptions options)
    {
        if (options.HeadLearnRateFactor <= 0) throw new MrhException("the head's learning-rate factor must be positive");
        if (options.Mode == TransferMode.LowerRate && options.BodyLearnRateFactor <= 0)
            throw new MrhException("the body's learning-rate factor must be positive (use Freeze to fix it)");
        var net = trained.Clone();
        var head = net.LastConvolutionNames(options.RetrainLast);
        net.Reinitialize(head, options.Seed);
        var factors = new Dictionary<string, double>();
        var frozen = new List<string>();
        foreach (var (name, _) in net.Convolutions)
        {
            if (head.Contains(name)) factors[name] = options.HeadLearnRateFactor;
            else if (options.Mode == TransferMode.Freeze) { factors[name] = 0; frozen.Add(name); }
            else factors[name] = options.BodyLearnRateFactor;
        }
        return new TransferSetup(net, factors, head, frozen.ToArray());
    }
}
