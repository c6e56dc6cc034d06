using Mrh.Jobs;
using Mrh.Model;

namespace Mrh.Experiments;

/// <summary>
/// Where every experiment gets a trained network: from the cache of trained networks when it has the recipe's
/// key, else trained by the given function and stored (<see cref="NetworkCache.GetOrTrain"/>); with
/// <see cref="ExperimentSettings.Retrain"/> always trained; without a cache (<c>MRH_CACHE=off</c>) just trained.
/// </summary>
public static class NetworkSource
{
    public static TrainedModel GetOrTrain(ExperimentSettings settings, NetworkRecipe recipe, Func<TrainedModel> train)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cache = NetworkCache.Open(settings.NetworkCache);
        return cache is null ? train() : cache.GetOrTrain(recipe, train, settings.Retrain);
    }
}
