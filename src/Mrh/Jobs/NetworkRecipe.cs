using Mrh.Model;

namespace Mrh.Jobs;

/// <summary>
/// Everything that determines a trained network's weights, as data: the data's identity
/// (<see cref="Experiments.StudyData.Identity"/>), the whole training setup (network, trainer, sampler, seed,
/// and whatever the options records carry, device and precision included), the inputs of the case (which
/// MRI/target pairs, which images, how targets were changed, where patches may be drawn) and, for a
/// transferred network, its base network's key. <see cref="Unit"/> names the training unit that asks for it
/// (for the cache's records); it is not part of the key, so two units with the same inputs share one network.
/// </summary>
public sealed record NetworkRecipe(string Unit, string Data, TrainingSetup Setup, IReadOnlyDictionary<string, string> Inputs, string? BaseKey = null)
{
    /// <summary>The content address of the network (<see cref="NetworkKey.Of"/>).</summary>
    public string Key => NetworkKey.Of(this);
}
