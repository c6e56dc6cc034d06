using Mrh.Data;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Experiments;

/// <summary>The study's roles filled by the built-in digital mouse brain (its cohorts are the groups).</summary>
public sealed class PhantomStudyData(PhantomStudy study) : StudyData
{
    public PhantomStudy Study { get; } = study;

    public override string Description => $"built-in digital mouse brain ({Study.Config.Preset.ToString().ToLowerInvariant()} preset, " +
                                          $"{Study.Grid}, seed {Study.Seed})";
    public override string Origin => "These data are synthetic: the built-in digital mouse brain, MRI and histology simulated by this package " +
                                     $"from known tissue maps ({Study.Config.Preset.ToString().ToLowerInvariant()} preset, {Study.Grid}, seed {Study.Seed}), not scans of real mice. " +
                                     "A result here shows what the method does on a brain whose truth is known; it is not a measurement of mouse tissue." +
                                     (Study.Config.Preset == Presets.Preset.Smoke
                                         ? " At the smoke preset the networks are far too small and briefly trained for the paper's claims to hold: it checks that every step runs."
                                         : "");
    /// <summary>The generator version, its configuration (preset) and the study seed.</summary>
    public override string Identity => $"phantom {Study.Config.Hash("study", Study.Seed)}";
    public override Protocol Protocol => Study.MriTraining.Protocol!;

    protected override IReadOnlyList<string> Animals(string group) =>
        Study.Cohorts.FirstOrDefault(c => c.Name == group)?.Animals.Select(a => a.Id).ToArray() ?? [];
    protected override string MissingGroup(string group) =>
        $"the digital mouse brain has no animals in group '{group}' (groups: {string.Join(", ", Study.Cohorts.Where(c => c.Count > 0).Select(c => c.Name))})";

    public override Volume Mri(string animal) { var (c, i) = Study.Locate(animal); return c.Mri(i); }
    public override Protocol ProtocolOf(string animal) =>
        Study.Locate(animal).Cohort.Protocol ?? throw new MrhException($"animal '{animal}' of the digital mouse brain has no MRI");
    public override bool[] Mask(string animal)
    {
        var (c, i) = Study.Locate(animal);
        return VolumeMask.FromVolume(c.Mask(i));
    }
    public override Volume Histology(string animal, string stain)
    {
        var (c, i) = Study.Locate(animal);
        var s = StainNames.Parse(stain);
        if (!c.Stains.Contains(s)) throw new MrhException($"animal '{animal}' of the digital mouse brain has no {s.ShortName()} histology (it has {string.Join(", ", c.Stains.Select(x => x.ShortName()))})");
        return c.Histology(i, s);
    }
    /// <summary>The average of the AF of the "af-reference" cohort (whose animals are the ones averaged).</summary>
    public override Volume AfReference() => Study.AfReference();
    public override Volume? Labels() => Study.AtlasLabels();
}
