using Mrh.Analysis;
using Mrh.Imaging;

namespace Mrh.Phantom;

/// <summary>
/// The histology forward model. Each stain has its own non-linear response to the microstructure
/// (auto-fluorescence darkens with myelin and a little with packed nuclei; neurofilament saturates with
/// axon density over a neuropil background; MBP follows compact myelin steeply; Nissl follows cell density
/// with a sigmoid), then: residual misregistration (the paper's random B-spline displacement field; smooth
/// in 3D for block-face AF, independent per coronal section for cut sections), per-animal intensity,
/// slow illumination shading, section-to-section gain and offset, noise, and artefacts (bright
/// lipofuscin-like spots in AF; tears and dust/bubble blobs in cut sections).
/// </summary>
public static class HistologySimulator
{
    /// <summary>Response of each stain to tissue of the given composition (concentrations within tissue, 0..1).</summary>
    public static double TissueResponse(Stain stain, double axon, double myelin, double cell, double iron) => stain switch
    {
        Stain.AutoFluorescence => 1.0 - 0.72 * Saturating(myelin, 0.5) - 0.16 * Math.Min(cell, 1.2) + 0.04 * Math.Min(iron, 1.5),
        Stain.Neurofilament => 0.08 + 0.85 * Saturating(axon, 0.6),
        Stain.MyelinBasicProtein => 0.02 + 0.95 * Saturating(Math.Pow(Math.Max(myelin, 0), 1.3), 0.5),
        Stain.Nissl => 0.04 + 1.05 * cell * cell / (cell * cell + 0.35 * 0.35),
        _ => throw new ArgumentOutOfRangeException(nameof(stain)),
    };

    /// <summary>Intensity of fluid-filled space (ventricles) in each stain.</summary>
    public static double FluidResponse(Stain stain) => stain == Stain.AutoFluorescence ? 0.12 : 0.03;

    /// <summary>(1 - exp(-x / k)) / (1 - exp(-1 / k)): 0 at 0, 1 at 1, concave.</summary>
    static double Saturating(double x, double k) => (1 - Math.Exp(-Math.Max(x, 0) / k)) / (1 - Math.Exp(-1 / k));

    /// <summary>
    /// The stain's expected image of perfectly registered, artefact-free tissue with unit intensity scale
    /// (the "ideal" target used as ground truth in tests and analyses).
    /// </summary>
    public static float[] Ideal(Microstructure m, Stain stain) =>
        Ideal(stain, m.Inside, m.Csf, m.Axon, m.Myelin, m.Cell, m.Iron);

    static float[] Ideal(Stain stain, float[] inside, float[] csf, float[] axon, float[] myelin, float[] cell, float[] iron)
    {
        var result = new float[inside.Length];
        double fluid = FluidResponse(stain);
        Parallel.For(0, (inside.Length + 65535) / 65536, block =>
        {
            int end = Math.Min(inside.Length, (block + 1) * 65536);
            for (int i = block * 65536; i < end; i++)
            {
                double all = inside[i];
                if (all <= 0) continue;
                double f = csf[i], tissue = Math.Max(all - f, 0), ct = Math.Max(tissue, 1e-3);
                double r = TissueResponse(stain, axon[i] / ct, myelin[i] / ct, cell[i] / ct, iron[i] / ct);
                result[i] = (float)(tissue * r + f * fluid);
            }
        });
        return result;
    }

    /// <summary>
    /// A histology image of an animal as it arrives in the MRI/atlas space. Deterministic for a seed.
    /// Returns a one-channel volume named after the stain.
    /// </summary>
    public static Imaging.Volume Render(Microstructure m, Stain stain, PhantomConfig config, ulong seed)
    {
        var grid = m.Grid;
        var hp = config.Histology;
        int nx = grid.NX, ny = grid.NY, nz = grid.NZ, n = grid.VoxelCount;
        bool sections = stain != Stain.AutoFluorescence;
        var field = Misregistration(grid, hp, sections, m.Inside, Seeds.Derive(seed, "misregistration"));
        var inside = field.Warp(m.Inside);
        var image = Ideal(stain, inside, field.Warp(m.Csf), field.Warp(m.Axon), field.Warp(m.Myelin), field.Warp(m.Cell), field.Warp(m.Iron));

        var rng = new Rng(Seeds.Derive(seed, "animal"));
        double animalScale = Math.Exp((sections ? hp.StainAnimalScaleLogSd : hp.AfAnimalScaleLogSd) * rng.NextGaussian());
        var shading = SmoothRandomField.Generate(nx, ny, nz, grid.Spacing, hp.ShadingCorrelationMm, Seeds.Derive(seed, "shading"));
        int slabVoxels = Math.Max(1, (int)Math.Round(hp.SectionThicknessMm / grid.Spacing));
        int slabs = (nz + slabVoxels - 1) / slabVoxels;
        var slabGain = new double[slabs];
        var slabOffset = new double[slabs];
        double gainSd = sections ? hp.SectionGainSd : hp.AfSectionGainSd;
        for (int k = 0; k < slabs; k++)
        {
            slabGain[k] = Math.Max(0.2, 1 + gainSd * rng.NextGaussian());
            slabOffset[k] = (sections ? hp.SectionOffsetSd : hp.SectionOffsetSd / 2) * rng.NextGaussian();
        }
        Parallel.For(0, nz, z =>
        {
            var noise = new Rng(Seeds.Derive(seed, "noise", z));
            int slab = z / slabVoxels;
            for (int i = z * nx * ny; i < (z + 1) * nx * ny; i++)
            {
                double v = image[i] * animalScale * (1 + hp.ShadingSd * shading[i]);
                v = v * slabGain[slab] + slabOffset[slab] * inside[i];
                v += (hp.NoiseRelativeSd * Math.Abs(v) + hp.NoiseFloorSd) * noise.NextGaussian();
                image[i] = (float)Math.Max(v, 0);
            }
        });
        AddArtefacts(image, inside, grid, stain, hp, animalScale, Seeds.Derive(seed, "artefacts"));
        return grid.CreateVolume(image, stain.ShortName());
    }

    /// <summary>
    /// The residual MRI-histology displacement: the paper's random B-spline field, smooth in 3D; for cut
    /// sections mixed with an independent per-section field; scaled to the target mean over the brain.
    /// </summary>
    public static DisplacementField Misregistration(PhantomGrid grid, HistologyParameters hp, bool sections, float[] brain, ulong seed)
    {
        var smooth = SmoothDisplacement.Random(grid.NX, grid.NY, grid.NZ, grid.Spacing, 1, Seeds.Derive(seed, "smooth"),
            hp.MisregistrationControlSpacingMm, weights: brain);
        if (!sections || hp.SectionJitterWeight <= 0) return smooth.ScaledToMean(hp.MisregistrationMeanVoxels, brain);
        ulong s = Seeds.Derive(seed, "sections");
        var jitter = PixelMismatch.RandomField(grid.CreateVolume(new float[grid.VoxelCount], "like"), new PixelMismatchOptions(
            MeanDisplacementVoxels: 1, GridSpacingMm: hp.MisregistrationControlSpacingMm, Plane: AnatomicalPlane.Coronal, Seed: (int)(s ^ (s >> 32))));
        double w = Math.Clamp(hp.SectionJitterWeight, 0, 1);
        return smooth.Combine(1 - w, jitter, w).ScaledToMean(hp.MisregistrationMeanVoxels, brain);
    }

    /// <summary>Sparse artefacts at random places inside the brain.</summary>
    static void AddArtefacts(float[] image, float[] inside, PhantomGrid grid, Stain stain, HistologyParameters hp, double scale, ulong seed)
    {
        var rng = new Rng(seed);
        int nx = grid.NX, ny = grid.NY, nz = grid.NZ;
        double h = grid.Spacing, voxelMm3 = h * h * h;
        double brainMm3 = 0;
        for (int i = 0; i < inside.Length; i++) brainMm3 += inside[i];
        brainMm3 *= voxelMm3;
        (int X, int Y, int Z) RandomBrainVoxel()
        {
            for (int attempt = 0; attempt < 1000; attempt++)
            {
                int x = rng.NextInt(nx), y = rng.NextInt(ny), z = rng.NextInt(nz);
                if (inside[grid.Index(x, y, z)] > 0.5f) return (x, y, z);
            }
            return (nx / 2, ny / 2, nz / 2);
        }
        if (stain == Stain.AutoFluorescence)
        {
            int spots = Poisson(rng, hp.AfSpotsPerCubicMm * brainMm3);
            for (int s = 0; s < spots; s++)
            {
                var (cx, cy, cz) = RandomBrainVoxel();
                double radiusVox = Math.Max(0.6, (0.02 + 0.03 * rng.NextDouble()) / h), amp = (0.3 + 0.5 * rng.NextDouble()) * scale;
                Blob(image, grid, cx, cy, cz, radiusVox, v => v + amp * 1.0);
            }
            return;
        }
        int tears = Poisson(rng, hp.TearsPerMm * nz * h);
        for (int t = 0; t < tears; t++)
        {
            var (cx, cy, cz) = RandomBrainVoxel();
            double angle = Math.PI * rng.NextDouble(), length = (0.5 + 1.5 * rng.NextDouble()) / h, width = Math.Max(0.5, 0.03 / h);
            double dx = Math.Cos(angle), dy = Math.Sin(angle);
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    double rx = x - cx, ry = y - cy, along = rx * dx + ry * dy, across = Math.Abs(-rx * dy + ry * dx);
                    if (Math.Abs(along) > length / 2 || across > width + 0.5) continue;
                    double cover = Math.Clamp(width + 0.5 - across, 0, 1);
                    int i = grid.Index(x, y, cz);
                    image[i] = (float)(image[i] * (1 - 0.9 * cover));
                }
        }
        int blobs = Poisson(rng, hp.BlobsPerCubicMm * brainMm3);
        for (int b = 0; b < blobs; b++)
        {
            var (cx, cy, cz) = RandomBrainVoxel();
            double radiusVox = Math.Max(0.7, (0.04 + 0.1 * rng.NextDouble()) / h);
            bool dark = rng.NextDouble() < 0.6;
            double amp = 0.3 * scale;
            Blob(image, grid, cx, cy, cz, radiusVox, v => dark ? v * 0.4 : v + amp);
        }
    }

    /// <summary>Applies a change within a disc of a coronal section (a section artefact or spot).</summary>
    static void Blob(float[] image, PhantomGrid grid, int cx, int cy, int cz, double radius, Func<double, double> change)
    {
        int r = (int)Math.Ceiling(radius + 1);
        for (int y = Math.Max(0, cy - r); y <= Math.Min(grid.NY - 1, cy + r); y++)
            for (int x = Math.Max(0, cx - r); x <= Math.Min(grid.NX - 1, cx + r); x++)
            {
                double d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                double cover = Math.Clamp(radius + 0.5 - d, 0, 1);
                if (cover <= 0) continue;
                int i = grid.Index(x, y, cz);
                image[i] = (float)Math.Max(0, image[i] + cover * (change(image[i]) - image[i]));
            }
    }

    static int Poisson(Rng rng, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 50) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * rng.NextGaussian()));
        double l = Math.Exp(-mean), p = 1;
        int k = 0;
        do { k++; p *= rng.NextDouble(); } while (p > l);
        return k - 1;
    }
}
