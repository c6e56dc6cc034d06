using Mrh.Phantom;
using Mrh.Presets;

namespace Mrh.Tests.Phantom;

/// <summary>A phantom configuration out of its sensible range is refused with a one-line error naming the value, before any volume is made.</summary>
public class PhantomConfigTests
{
    [Fact]
    public void EveryPresetIsValidAndBadPhysicsIsRefused()
    {
        foreach (var preset in new[] { Preset.Smoke, Preset.Quick, Preset.Paper }) PhantomConfig.For(preset).Validate();
        var quick = PhantomConfig.For(Preset.Quick);
        (PhantomConfig Config, string Names)[] bad =
        [
            (quick with { Tissue = quick.Tissue with { DendriteVolumeFraction = -0.1 } }, "dendrite"),
            (quick with { Tissue = quick.Tissue with { DendriteVolumeFraction = double.NaN } }, "dendrite"),
            (quick with { Tissue = quick.Tissue with { ExtraCellularDispersionPerCell = -1 } }, "dispersion"),
            (quick with { Acquisition = quick.Acquisition with { PsfFwhmVoxels = 50 } }, "point-spread"),
        ];
        foreach (var (config, name) in bad)
        {
            var e = Assert.Throws<MrhException>(() => config.Validate());
            Assert.Contains(name, e.Message);
            Assert.DoesNotContain('\n', e.Message);
            Assert.Throws<MrhException>(() => new PhantomStudy(config, 1));
        }
    }
}
