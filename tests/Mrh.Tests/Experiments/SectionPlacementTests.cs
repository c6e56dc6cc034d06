using Mrh.Experiments;
using Mrh.Imaging;
using Mrh.Phantom;

namespace Mrh.Tests.Experiments;

public class SectionPlacementTests
{
    /// <summary>5 x 4 x 30 labels at 0.1 mm: anterior commissure voxels at the midline (x = 2) on sections 5 and 7, and off the midline on section 20.</summary>
    static Volume Labels(bool withCommissure = true)
    {
        var v = Volume.Zeros(5, 4, 30, spacing: [0.1, 0.1, 0.1]);
        var d = v.Channels[0];
        void Set(int x, int y, int z) => d[(z * 4 + y) * 5 + x] = (float)StructureLabel.AnteriorCommissure;
        if (withCommissure)
        {
            Set(2, 1, 5);
            Set(2, 2, 7);
            Set(0, 1, 20); // a lateral limb: not the crossing
        }
        return v;
    }

    [Fact]
    public void CoronalSectionsArePlacedFromBregmaByTheCommissureCrossing()
    {
        var labels = Labels();
        Assert.Equal(6.0, SectionPlacement.CommissureCrossing(labels)!.Value, 12);
        var place = SectionPlacement.For(labels, labels);
        Assert.True(place.FromBregma);
        // the crossing (section 6) is at bregma +0.1 mm; section 25 is 19 x 0.1 mm behind it: 0.1 - 1.9 = -1.8 mm
        Assert.Equal(0.1, place.Mm(AnatomicalPlane.Coronal, 6), 12);
        Assert.Equal(-1.8, place.Mm(AnatomicalPlane.Coronal, 25), 12);
        Assert.Equal(0.4, place.Mm(AnatomicalPlane.Coronal, 3), 12);
        Assert.Equal("bregma −1.80 mm", place.Describe(AnatomicalPlane.Coronal, 25));
        Assert.Equal("bregma +0.40 mm", place.Describe(AnatomicalPlane.Coronal, 3));
        Assert.Equal("0.30 mm from the first horizontal section", place.Describe(AnatomicalPlane.Horizontal, 3));
    }

    [Fact]
    public void WithoutTheCommissureSectionsArePlacedFromTheFirstSection()
    {
        var place = SectionPlacement.For(Labels(withCommissure: false), Labels(false));
        Assert.False(place.FromBregma);
        Assert.Equal("2.50 mm from the first coronal section", place.Describe(AnatomicalPlane.Coronal, 25));
        Assert.Contains("first section", place.Explanation);
        Assert.False(SectionPlacement.For(null, Labels()).FromBregma);
    }

    [Fact]
    public void AtlasOutlinesNameTheStructures()
    {
        var outlines = AtlasOutlines.On(Labels(), AnatomicalPlane.Coronal, 5, StructureLabel.AnteriorCommissure, StructureLabel.Cortex);
        Assert.Equal(["anterior commissure", "cortex"], outlines.Select(o => o.Name));
        Assert.Equal([2], outlines[0].Columns);
        Assert.True(outlines[1].IsEmpty);
        Assert.Empty(AtlasOutlines.On(null, AnatomicalPlane.Coronal, 5, StructureLabel.Cortex));
    }
}
