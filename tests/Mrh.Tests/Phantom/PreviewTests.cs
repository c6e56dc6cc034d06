using Xunit.Abstractions;
using Mrh.Phantom;

namespace Mrh.Tests.Phantom;

/// <summary>
/// Renders the standard picture of the smoke study (coronal, sagittal and horizontal sections of labels,
/// T2W, MTR, DWI, AF, NF, MBP, Nissl) to a PNG in the temp folder, so a developer can look at it
/// (the path is in the test output); the same picture at the quick preset is docs/phantom-preview.png.
/// </summary>
[Collection("phantom")]
public class PreviewTests(PhantomFixture fx, ITestOutputHelper output)
{
    [Fact]
    public void StudyPreviewRendersEveryContrast()
    {
        var maps = PhantomPreview.StudyMaps(fx.Study);
        Assert.Equal(["labels", "T2W", "MTR", "DWI b=5000", "AF reference", "NF", "MBP", "Nissl"], maps.Select(m => m.Name));
        var (w, h, rgb) = PhantomPreview.Render(fx.Study.Grid, maps, fx.Study.Atlas().Mask());
        Assert.Equal(w * h * 3, rgb.Length);
        // every map row has bright and dark pixels (an empty or constant map would not)
        var g = fx.Study.Grid;
        int zoom = w / Math.Max(3 * (g.NX + 2) + g.NZ, maps.Count * (g.NX + 2) - 2);
        for (int m = 0; m < maps.Count; m++)
        {
            int top = m * (g.NY + 2) * zoom, bottom = top + g.NY * zoom;
            var row = Enumerable.Range(top, bottom - top).SelectMany(y => Enumerable.Range(0, 3 * (g.NX + 2) * zoom).Select(x => rgb[(y * w + x) * 3 + 1]));
            Assert.True(row.Max() > 150 && row.Min() < 20, $"map {maps[m].Name} looks empty");
        }
        var path = Path.Combine(Path.GetTempPath(), "mrh-phantom-preview-smoke.png");
        PhantomPreview.WritePng(path, fx.Study.Grid, maps, fx.Study.Atlas().Mask());
        Assert.True(new FileInfo(path).Length > 1000);
        output.WriteLine($"preview written to {path}");
    }
}
