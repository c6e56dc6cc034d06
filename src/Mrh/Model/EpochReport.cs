using System.Text.Json.Serialization;

namespace Mrh.Model;

/// <summary>
/// One epoch of training: mean training loss over its mini-batches, validation loss (both in
/// normalised target units, the loss of <see cref="TrainerOptions.Loss"/>), the learning rate used,
/// wall-clock seconds, and whether it is the best so far.
/// </summary>
public sealed record EpochReport(int Epoch, int MaxEpochs, double TrainLoss, double ValidationLoss, double LearningRate, double Seconds, bool IsBest);

/// <summary>Why training ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StopReason>))]
public enum StopReason
{
    MaxEpochs,
    /// <summary>No lower validation loss within the patience.</summary>
    EarlyStop,
    /// <summary>A callback asked to stop.</summary>
    Callback,
    /// <summary>The loss became NaN or infinite; the best earlier weights were restored.</summary>
    Diverged,
}

/// <summary>
/// The outcome of a training run: the loss curve, the chosen epoch and the validation loss of the
/// untrained (or transferred) network before the first epoch.
/// </summary>
public sealed record TrainingResult(
    IReadOnlyList<EpochReport> History,
    int BestEpoch,
    double BestValidationLoss,
    StopReason StopReason,
    double Seconds,
    int TrainCount,
    int ValidationCount,
    double InitialValidationLoss);
