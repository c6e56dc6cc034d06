using Mrh.Data;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Experiments;

/// <summary>The study's roles filled by the built-in digital mouse brain.</summary>
public sealed class PhantomStudyData(PhantomStudy study) : StudyData
{
    public PhantomStudy Study { get; } = study;

    public override string Description => $"built-in digital mouse brain ({Study.Config.Preset.ToString().ToLowerInvariant()} preset, " +
                                          $"{Study.Grid}, seed {Study.Seed})";
    public override Protocol Protocol => Study.MriTraining.Protocol!;
    public override IReadOnlyList<string> TrainingAnimals => Study.MriTraining.Animals.Select(a => a.Id).ToArray();
    public override IReadOnlyList<string> TestAnimals => Study.MriTest.Animals.Select(a => a.Id).ToArray();
    public override IReadOnlyList<string> AfAnimals => Study.AutoFluorescence.Animals.Select(a => a.Id).ToArray();

    public override Volume Mri(string animal) { var (c, i) = Find(animal); return c.Mri(i); }
    public override bool[] Mask(string animal)
    {
        var (c, i) = Find(animal);
        return c.Mask(i).Channels[0].Select(v => v > 0.5f).ToArray();
    }
    public override Volume Af(string animal) { var (c, i) = Find(animal); return c.Histology(i, Stain.AutoFluorescence); }
    public override Volume AfReference() => Study.AfReference();
    public override Volume? Labels() => Study.AtlasLabels();

    (Cohort Cohort, int Index) Find(string animal)
    {
        foreach (var c in Study.Cohorts)
            for (int i = 0; i < c.Count; i++)
                if (c.Animals[i].Id == animal) return (c, i);
        throw new MrhException($"no animal '{animal}' in the digital mouse brain study");
    }
}
