namespace Mrh.Experiments;

/// <summary>
/// How the study pairs MRI animals with histology animals registered to the same atlas (the paper trains MRH-AF on
/// the MRI of animal k against the AF of animal j): histology animal j goes with MRI animal j mod n, and there are
/// max(histology animals, MRI animals) pairs, so every animal of both lists is used. The one rule for the figure
/// experiments and for `mrh train` on a data set whose targets belong to histology-only subjects.
/// </summary>
public static class AnimalPairing
{
    /// <summary>The (MRI animal, histology animal) pairs, in order.</summary>
    public static IReadOnlyList<(string Mri, string Histology)> Pairs(IReadOnlyList<string> mri, IReadOnlyList<string> histology)
    {
        ArgumentNullException.ThrowIfNull(mri);
        ArgumentNullException.ThrowIfNull(histology);
        if (mri.Count == 0) throw new MrhException("no MRI animals to pair the histology with");
        if (histology.Count == 0) throw new MrhException("no histology animals to pair the MRI with");
        int n = Math.Max(mri.Count, histology.Count);
        return Enumerable.Range(0, n).Select(j => (mri[j % mri.Count], histology[j % histology.Count])).ToArray();
    }

    /// <summary>The name of a pair as the patch source and the model's provenance show it.</summary>
    public static string Name(string mri, string histology) => mri == histology ? mri : $"{mri}+{histology}";
}
