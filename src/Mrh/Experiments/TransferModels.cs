using Mrh.Model;

namespace Mrh.Experiments;

/// <summary>The networks of Fig. 3: the standard MRH-AF and the two networks transferred from it (MRH-NF, MRH-MBP).</summary>
public sealed record TransferModels(TrainedModel Af, TrainedModel Nf, TrainedModel Mbp)
{
    /// <summary>The network of a stain: "AF", "NF" or "MBP".</summary>
    public TrainedModel Of(string stain) => stain switch
    {
        "AF" => Af,
        "NF" => Nf,
        "MBP" => Mbp,
        _ => throw new MrhException($"no Fig. 3 network for stain '{stain}' (AF, NF, MBP)"),
    };
}
