namespace Mrh.Phantom;

/// <summary>
/// Renders maps of the phantom as one picture for a quick look: for each map a row of three coronal
/// sections (striatum, dorsal hippocampus, cerebellum) and a parasagittal section, then a block of
/// horizontal sections (one per map). Grey maps are windowed between their 1st and 99.5th percentiles
/// inside the brain; label maps use a fixed colour per structure.
/// </summary>
public static class PhantomPreview
{
    /// <summary>One map to show: name, values on the grid, and whether it holds structure labels.</summary>
    public sealed record Map(string Name, float[] Data, bool IsLabel = false);

    /// <summary>Section positions (mm): three coronal z, one horizontal y, one sagittal x.</summary>
    public static readonly double[] CoronalZ = [4.7, 7.3, 11.3];
    public const double HorizontalY = 2.3, SagittalX = 1.0;

    /// <summary>Renders to RGB pixels; returns width, height and the bytes.</summary>
    public static (int Width, int Height, byte[] Rgb) Render(PhantomGrid grid, IReadOnlyList<Map> maps, float[]? mask = null, int zoom = 0)
    {
        if (maps.Count == 0) throw new ArgumentException("nothing to render");
        int nx = grid.NX, ny = grid.NY, nz = grid.NZ, gap = 2;
        int rowWidth = 3 * (nx + gap) + nz;
        int horizontalWidth = maps.Count * (nx + gap) - gap;
        int baseWidth = Math.Max(rowWidth, horizontalWidth);
        if (zoom <= 0) zoom = Math.Max(1, 1100 / baseWidth);
        int width = baseWidth * zoom;
        int height = (maps.Count * (ny + gap) + nz) * zoom;
        var rgb = new byte[width * height * 3];
        int[] zs = CoronalZ.Select(grid.IndexZ).ToArray();
        int ySlice = grid.IndexY(HorizontalY), xSlice = grid.IndexX(SagittalX);
        for (int m = 0; m < maps.Count; m++)
        {
            var map = maps[m];
            if (map.Data.Length != grid.VoxelCount) throw new ArgumentException($"map '{map.Name}' has {map.Data.Length} values, the grid {grid.VoxelCount}");
            var (lo, hi) = map.IsLabel ? (0f, 1f) : Window(map.Data, mask);
            int top = m * (ny + gap);
            for (int k = 0; k < 3; k++)
                Blit(rgb, width, zoom, k * (nx + gap), top, nx, ny, (c, r) => map.Data[grid.Index(c, r, zs[k])], map.IsLabel, lo, hi);
            Blit(rgb, width, zoom, 3 * (nx + gap), top, nz, ny, (c, r) => map.Data[grid.Index(xSlice, r, c)], map.IsLabel, lo, hi);
            Blit(rgb, width, zoom, m * (nx + gap), maps.Count * (ny + gap), nx, nz, (c, r) => map.Data[grid.Index(c, ySlice, r)], map.IsLabel, lo, hi);
        }
        return (width, height, rgb);
    }

    /// <summary>Renders and writes a PNG (atomically).</summary>
    public static void WritePng(string path, PhantomGrid grid, IReadOnlyList<Map> maps, float[]? mask = null, int zoom = 0)
    {
        var (w, h, rgb) = Render(grid, maps, mask, zoom);
        PngEncoder.Write(path, w, h, rgb);
    }

    static (float, float) Window(float[] data, float[]? mask)
    {
        var values = new List<float>();
        for (int i = 0; i < data.Length; i++)
            if ((mask is null || mask[i] > 0.5f) && float.IsFinite(data[i])) values.Add(data[i]);
        if (values.Count == 0) return (0, 1);
        values.Sort();
        float lo = values[(int)(0.01 * (values.Count - 1))], hi = values[(int)(0.995 * (values.Count - 1))];
        return hi > lo ? (lo, hi) : (lo, lo + 1);
    }

    static void Blit(byte[] rgb, int width, int zoom, int left, int top, int w, int h, Func<int, int, float> value, bool isLabel, float lo, float hi)
    {
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
            {
                float v = value(c, r);
                byte red, green, blue;
                if (isLabel)
                {
                    var col = LabelColour((int)MathF.Round(v));
                    (red, green, blue) = col;
                }
                else
                {
                    float t = float.IsFinite(v) ? Math.Clamp((v - lo) / (hi - lo), 0, 1) : 0;
                    red = green = blue = (byte)MathF.Round(255 * t);
                }
                for (int dy = 0; dy < zoom; dy++)
                {
                    int o = ((top + r) * zoom + dy) * width * 3 + (left + c) * zoom * 3;
                    for (int dx = 0; dx < zoom; dx++)
                    {
                        rgb[o + 3 * dx] = red; rgb[o + 3 * dx + 1] = green; rgb[o + 3 * dx + 2] = blue;
                    }
                }
            }
    }

    /// <summary>A fixed, distinguishable colour per structure label (black for background).</summary>
    public static (byte R, byte G, byte B) LabelColour(int label) => label switch
    {
        0 => (0, 0, 0),
        1 => (60, 160, 90),     // cortex
        2 => (240, 240, 240),   // corpus callosum
        3 => (255, 200, 0),     // anterior commissure
        4 => (255, 120, 40),    // internal capsule
        5 => (90, 130, 220),    // striatum
        6 => (230, 70, 140),    // hippocampus
        7 => (170, 110, 230),   // thalamus
        8 => (240, 160, 170),   // hypothalamus
        9 => (200, 160, 90),    // midbrain
        10 => (150, 150, 90),   // hindbrain
        11 => (80, 200, 210),   // cerebellum
        12 => (190, 220, 90),   // olfactory bulb
        13 => (20, 40, 200),    // lateral ventricle
        14 => (20, 90, 255),    // third ventricle
        _ => (128, 128, 128),
    };
}
