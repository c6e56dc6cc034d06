using Mrh.Data;
using Mrh.Experiments;
using Mrh.Experiments.Causes;
using Mrh.Imaging;
using Mrh.Mri;
using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Experiments.Causes;

/// <summary>The cause test's data: only the named animals' MRI is simulated with other tissue physics, from the same tissue and random draws.</summary>
public class ReplacedMriTests
{
    [Fact]
    public void TheStudysOwnPhysicsGivesTheSameImagesToTheByte()
    {
        var study = PhantomStudy.For(Preset.Smoke, 1);
        var inner = new PhantomStudyData(study);
        string mouse = inner.Group(StudyGroups.Shiverer)[0];
        var same = new ReplacedMri(inner, [mouse], study.Config.Tissue with { });
        var a = inner.Mri(mouse);
        var b = same.Mri(mouse);
        for (int c = 0; c < a.Channels.Length; c++) Assert.Equal(a.Channels[c], b.Channels[c]);
    }

    [Fact]
    public void MyelinDependentRadialDiffusionChangesOnlyTheDiffusionWeightedImagesOfTheNamedMice()
    {
        var study = PhantomStudy.For(Preset.Smoke, 1);
        var inner = new PhantomStudyData(study);
        string shiverer = inner.Group(StudyGroups.Shiverer)[0], control = inner.Group(StudyGroups.ShivererControls)[0];
        var changed = new ReplacedMri(inner, [shiverer, control], ShivererCauses.MyelinDependentRadialDiffusion(study.Config.Tissue));
        var protocol = inner.ProtocolOf(shiverer);
        var before = inner.Mri(shiverer);
        var after = changed.Mri(shiverer);
        for (int c = 0; c < protocol.Count; c++)
        {
            if (protocol[c].Kind == ChannelKind.Dwi) Assert.NotEqual(before.Channels[c], after.Channels[c]);
            else Assert.Equal(before.Channels[c], after.Channels[c]); // b = 0, T2W and MT do not see diffusivity; same noise draws
        }
        // another mouse keeps the study's MRI; the data is identified apart (networks trained on it are cached apart)
        string other = inner.TrainingAnimals[0];
        Assert.Equal(inner.Mri(other).Channels[5], changed.Mri(other).Channels[5]);
        Assert.NotEqual(inner.Identity, changed.Identity);
        Assert.StartsWith(inner.Identity, changed.Identity);
        // an animal without MRI cannot have its MRI simulated otherwise
        Assert.Throws<MrhException>(() => new ReplacedMri(inner, [inner.AfAnimals[0]], study.Config.Tissue));

        // measured with our tensor fit in the corpus callosum: phantom-2's myelin-dependent radial diffusion makes the
        // shiverer's radial diffusivity excess over its control grow far beyond the study's (about the published +13%)
        double Rd(StudyData data, string mouse)
        {
            var labels = data.Labels()!;
            var cc = BrainRegions.CorpusCallosumOf(labels, data.Mask(mouse));
            var rd = ClassicMarker.Compute([ClassicMarker.DrLow], data.ProtocolOf(mouse), data.Mri(mouse), cc)[ClassicMarker.DrLow.Name].Channels[0];
            return Enumerable.Range(0, rd.Length).Where(i => cc[i]).Average(i => (double)rd[i]);
        }
        double excessStudy = Rd(inner, shiverer) / Rd(inner, control), excessLegacy = Rd(changed, shiverer) / Rd(changed, control);
        Assert.True(excessStudy > 1.0, $"the study's shiverer raises RD ({excessStudy:0.00}x its control)");
        Assert.True(excessLegacy > excessStudy + 0.1, $"RD excess {excessStudy:0.00}x -> phantom-2 {excessLegacy:0.00}x");
    }
}
