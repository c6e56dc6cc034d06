using Mrh.Imaging;

namespace Mrh.Contrasts;

/// <summary>
/// An MRI contrast that could be added to the protocol: its name (the input channel's), what it is, its scan
/// time in minutes, and how to read it for an animal (a one-channel volume on the animal's MRI grid).
/// </summary>
public sealed record ContrastCandidate(string Name, string Description, double ScanMinutes, Func<string, Volume> Load)
{
    /// <summary>The candidate of one animal, checked to be one channel on the grid of <paramref name="like"/>.</summary>
    public Volume LoadLike(string animal, Volume like)
    {
        var v = Load(animal);
        if (v.ChannelCount != 1) throw new MrhException($"candidate '{Name}' of '{animal}' has {v.ChannelCount} channels; add each channel as its own candidate");
        if (!v.SameGrid(like))
            throw new MrhException($"candidate '{Name}' of '{animal}' is {v.NX}x{v.NY}x{v.NZ}, the MRI is {like.NX}x{like.NY}x{like.NZ}: it must be in the data set's space");
        return v.WithChannelNames([Name]);
    }
}
