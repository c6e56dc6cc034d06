using System.Text.RegularExpressions;
using Mrh.Imaging;
using Mrh.Patches;

namespace Mrh.Model;

/// <summary>
/// A trained MRH network with what is needed to apply it: its input channels, normalisation,
/// patch size and plane, and how it was trained (<see cref="Metadata"/>).
/// Save and load with <see cref="ModelCheckpoint"/>.
/// </summary>
public sealed partial class MrhModel : IDisposable
{
    public MrhModel(MrhNetwork network, ModelMetadata metadata)
    {
        if (metadata.Network != network.Config) throw new ArgumentException("metadata describes another architecture than the network");
        if (metadata.ChannelNames.Length != network.Config.InputChannels)
            throw new ArgumentException($"{metadata.ChannelNames.Length} channel names for a {network.Config.InputChannels}-channel network");
        metadata.Normalization.Validate(network.Config.InputChannels);
        Network = network;
        Metadata = metadata;
    }

    public MrhNetwork Network { get; }
    public ModelMetadata Metadata { get; }
    public NetworkConfig Config => Network.Config;
    public string[] ChannelNames => Metadata.ChannelNames;
    public Normalization Normalization => Metadata.Normalization;
    public int PatchSize => Metadata.PatchSize;
    public AnatomicalPlane Plane => Metadata.Plane;
    public string TargetName => Metadata.TargetName;

    /// <summary>
    /// Throws a one-line <see cref="MrhException"/> unless <paramref name="channelNames"/> are the
    /// model's channels in the model's order. Generic names ("value", "ch0", "ch1", ...) as read from a
    /// plain 4D file carry no meaning, so only their count is checked.
    /// </summary>
    public void EnsureCompatible(IReadOnlyList<string> channelNames, string what = "the input")
    {
        if (channelNames.Count != ChannelNames.Length)
            throw new MrhException($"{what} has {channelNames.Count} channels, the model was trained on {ChannelNames.Length} ({Summary(ChannelNames)})");
        if (channelNames.All(IsGeneric)) return;
        for (int i = 0; i < ChannelNames.Length; i++)
            if (!string.Equals(channelNames[i], ChannelNames[i], StringComparison.Ordinal))
                throw new MrhException($"{what}'s channel {i + 1} is '{channelNames[i]}' but the model expects '{ChannelNames[i]}' there (model channels: {Summary(ChannelNames)})");
    }

    static bool IsGeneric(string name) => name == "value" || GenericName().IsMatch(name);

    [GeneratedRegex(@"^ch\d+$")]
    private static partial Regex GenericName();

    static string Summary(string[] names) =>
        names.Length <= 6 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))}, ..., {string.Join(", ", names.TakeLast(2))}";

    public void Dispose() => Network.Dispose();
}
