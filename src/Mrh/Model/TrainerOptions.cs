using System.Text.Json.Serialization;
using Mrh.Presets;

namespace Mrh.Model;

/// <summary>The optimiser.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OptimizerKind>))]
public enum OptimizerKind
{
    /// <summary>
    /// The paper's stochastic gradient descent with momentum, in MATLAB's form:
    /// v = momentum v - lr x factor x g; w = w + v.
    /// </summary>
    SgdMomentum,
    /// <summary>Adam (beta 0.9/0.999, eps 1e-8): not the paper's recipe; for quick experiments only.</summary>
    Adam,
}

/// <summary>The training loss, over the k x k output patch.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LossKind>))]
public enum LossKind
{
    /// <summary>The paper's pixel-level absolute distance: sum over the patch of |y - t|, mean over patches.</summary>
    L1,
    /// <summary>MATLAB's regression layer: half the squared error summed over the patch, mean over patches.</summary>
    HalfMse,
}

/// <summary>How gradients are clipped before the update (after L2 regularisation is added, as MATLAB does).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GradientClipping>))]
public enum GradientClipping
{
    None,
    /// <summary>
    /// MATLAB's default 'l2norm': each learnable parameter (each weight tensor, each bias vector) is
    /// rescaled separately so that its own L2 norm is at most the threshold. This is what the authors'
    /// "GradientThreshold 0.01" does.
    /// </summary>
    PerParameterL2Norm,
    /// <summary>MATLAB's 'global-l2norm' (PyTorch's clip_grad_norm_): all gradients scaled by one factor so their joint L2 norm is at most the threshold.</summary>
    GlobalL2Norm,
    /// <summary>MATLAB's 'absolute-value': each gradient element clamped to +-threshold.</summary>
    AbsoluteValue,
}

/// <summary>
/// Training settings. The defaults are the paper's recipe: SGD with momentum 0.9, learning rate 0.1
/// multiplied by 0.1 every 10 epochs, L2 regularisation 1e-4 (on weights, not biases, as MATLAB's
/// default BiasL2Factor 0), gradient clipping per parameter at L2 norm 0.01, L1 loss, mini-batches
/// of 128 (the last incomplete batch of an epoch is dropped, as MATLAB does), at most 60 epochs,
/// early stop after 5 epochs without a lower validation loss, best-validation weights restored.
/// </summary>
public sealed record TrainerOptions
{
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.SgdMomentum;
    public double LearningRate { get; init; } = 0.1;
    public double Momentum { get; init; } = 0.9;
    /// <summary>Factor applied to the learning rate every <see cref="LearningRateDropPeriod"/> epochs.</summary>
    public double LearningRateDropFactor { get; init; } = 0.1;
    public int LearningRateDropPeriod { get; init; } = 10;
    /// <summary>L2 regularisation (weight decay) factor; added to the gradient as lambda x w.</summary>
    public double L2Regularization { get; init; } = 1e-4;
    /// <summary>Also regularise biases (MATLAB's default BiasL2Factor is 0: no).</summary>
    public bool RegularizeBiases { get; init; }
    public GradientClipping Clipping { get; init; } = GradientClipping.PerParameterL2Norm;
    public double ClippingThreshold { get; init; } = 0.01;
    public LossKind Loss { get; init; } = LossKind.L1;
    public int BatchSize { get; init; } = 128;
    /// <summary>Drop the last incomplete mini-batch of each epoch (MATLAB); a set smaller than one batch is one batch.</summary>
    public bool DropLastBatch { get; init; } = true;
    public int MaxEpochs { get; init; } = 60;
    /// <summary>Stop after this many epochs without a lower validation loss (0: never stop early).</summary>
    public int Patience { get; init; } = 5;
    /// <summary>Restore the weights of the epoch with the lowest validation loss at the end.</summary>
    public bool RestoreBestWeights { get; init; } = true;
    /// <summary>Validation patches held out of the training set (the authors: 1,000).</summary>
    public int ValidationCount { get; init; } = 1000;
    /// <summary>Mini-batch size for evaluating the validation set.</summary>
    public int EvaluationBatchSize { get; init; } = 4096;
    /// <summary>Seed of the network initialisation, the epoch shuffles and the validation split.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>
    /// The Winograd engine (default, where it applies) or libtorch's Conv2d and autograd (the reference).
    /// Both compute the same gradients up to rounding; the engine's results do not depend on the thread count
    /// up to one thread per 32 patches of a mini-batch.
    /// </summary>
    public ComputePath Compute { get; init; } = ComputePath.Fast;
    /// <summary>
    /// Where to train: the CPU (default), CUDA (the dense-matrix form, <see cref="DenseMatrixNetwork"/>; an error where
    /// there is none) or auto (CUDA if available). The recipe (batch, clipping, schedule) is the same on every device.
    /// </summary>
    public ComputeDevice Device { get; init; } = ComputeDevice.Cpu;
    /// <summary>
    /// Matrix-product precision of the dense-matrix form: float32 (default), TF32 (GPU only; on the CPU the same as
    /// float32) or bfloat16 (mixed precision: float32 master weights and optimiser, bfloat16 products). bfloat16 is
    /// never a default for training; the Winograd engine and the reference train in float32 only.
    /// </summary>
    public NumericPrecision Precision { get; init; } = NumericPrecision.Float32;

    /// <summary>The paper's recipe at a preset's length: smoke 2 epochs, quick 10, paper 60.</summary>
    public static TrainerOptions For(Preset preset) => preset switch
    {
        Preset.Smoke => new TrainerOptions { MaxEpochs = 2, ValidationCount = 500 },
        Preset.Quick => new TrainerOptions { MaxEpochs = 10 },
        Preset.Paper => new TrainerOptions { MaxEpochs = 60 },
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };

    /// <summary>
    /// The large-batch mode, a named deviation from the paper's recipe for GPUs: mini-batches of
    /// <paramref name="batchSize"/> patches (the paper: 128) with the learning rate scaled linearly by batchSize / 128
    /// (Goyal et al. 2017), so that an epoch moves the weights about as far with batchSize / 128 times fewer steps.
    /// Clipping, schedule and early stopping are unchanged. Not validated against the paper's claims: use the
    /// paper's batch for results to report, this mode to explore fast.
    /// </summary>
    public TrainerOptions WithLargeBatch(int batchSize = LargeBatchSize) =>
        batchSize < 1 ? throw new MrhException($"mini-batch size must be at least 1 (got {batchSize})")
            : this with { BatchSize = batchSize, LearningRate = LearningRate * batchSize / 128.0, EvaluationBatchSize = Math.Max(EvaluationBatchSize, batchSize) };

    /// <summary>The large-batch mode's default mini-batch.</summary>
    public const int LargeBatchSize = 4096;

    /// <summary>Adam at learning rate 1e-3 without clipping: a fast alternative, named as such.</summary>
    public TrainerOptions WithAdam(double learningRate = 1e-3) =>
        this with { Optimizer = OptimizerKind.Adam, LearningRate = learningRate, Clipping = GradientClipping.None };

    /// <summary>
    /// The authors' transfer-learning settings: initial learning rate 1e-4, same schedule and clipping
    /// (the re-initialised head trains at 10x, see <see cref="TransferOptions"/>).
    /// </summary>
    public TrainerOptions ForTransfer() => this with { LearningRate = 1e-4 };

    /// <summary>Learning rate in epoch <paramref name="epoch"/> (1-based): piecewise, dropping every period.</summary>
    public double LearningRateAt(int epoch) =>
        LearningRate * Math.Pow(LearningRateDropFactor, LearningRateDropPeriod > 0 ? (epoch - 1) / LearningRateDropPeriod : 0);

    public void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate)) throw new MrhException($"learning rate must be positive (got {LearningRate})");
        if (Momentum < 0 || Momentum >= 1) throw new MrhException($"momentum must be in [0, 1) (got {Momentum})");
        if (BatchSize < 1) throw new MrhException($"mini-batch size must be at least 1 (got {BatchSize})");
        if (MaxEpochs < 1) throw new MrhException($"epochs must be at least 1 (got {MaxEpochs})");
        if (Patience < 0) throw new MrhException($"patience must not be negative (got {Patience})");
        if (L2Regularization < 0) throw new MrhException($"L2 regularisation must not be negative (got {L2Regularization})");
        if (Clipping != GradientClipping.None && !(ClippingThreshold > 0)) throw new MrhException($"clipping threshold must be positive (got {ClippingThreshold})");
        if (EvaluationBatchSize < 1) throw new MrhException("evaluation batch size must be at least 1");
        if (Precision == NumericPrecision.BFloat16 && Compute != ComputePath.DenseMatrix && Device == ComputeDevice.Cpu)
            throw new MrhException("bfloat16 training runs in the dense-matrix form only (on a GPU: --device cuda)");
    }
}
