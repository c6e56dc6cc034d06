using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mrh.Presets;

namespace Mrh.Phantom;

/// <summary>
/// Everything that decides what the digital mouse brain looks like: grid, field of view, tissue physics,
/// acquisition, histology, animal variation and cohort sizes. Immutable; change it with <c>with</c>.
/// Two configs with equal content produce identical data for the same seed.
/// </summary>
public sealed record PhantomConfig
{
    /// <summary>
    /// The generator's name for people (data set descriptions, phantom.json). The cache does not rely on it being
    /// bumped: its key holds <see cref="CodeIdentity"/> and the configuration.
    /// </summary>
    public const string GeneratorVersion = "phantom-3";

    /// <summary>
    /// A hash of the generator's source files as this build compiled them (assembly metadata "PhantomSources",
    /// written by the build: one "path=SHA-256" per file), 16 hex characters. Any edit to the code that makes the
    /// volumes changes it, and with it every cache key.
    /// </summary>
    public static string CodeIdentity { get; } = ComputeCodeIdentity(SourceHashes());

    /// <summary>The build's "path=SHA-256" entries of the generator's sources, sorted by path ('/' separators).</summary>
    internal static IReadOnlyList<string> SourceHashes()
    {
        var value = typeof(PhantomConfig).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "PhantomSources")?.Value;
        if (string.IsNullOrEmpty(value)) throw new InvalidOperationException("the build embedded no PhantomSources metadata (see Mrh.csproj)");
        return value.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Replace('\\', '/').ToLowerInvariant())
            .Order(StringComparer.Ordinal).ToArray();
    }

    internal static string ComputeCodeIdentity(IReadOnlyList<string> entries) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', entries))), 0, 8).ToLowerInvariant();

    public Preset Preset { get; init; } = Preset.Quick;
    /// <summary>Isotropic grid spacing, mm.</summary>
    public double Spacing { get; init; } = 0.1;
    /// <summary>Field of view (left-right, dorsal-ventral, anterior-posterior), mm; the brain is ~9.8 x 6.4 x 12.9 mm.</summary>
    public double FieldOfViewX { get; init; } = 10.4;
    public double FieldOfViewY { get; init; } = 6.9;
    public double FieldOfViewZ { get; init; } = 13.4;
    public TissueParameters Tissue { get; init; } = new();
    public MriAcquisition Acquisition { get; init; } = new();
    public HistologyParameters Histology { get; init; } = new();
    public VariationParameters Variation { get; init; } = new();
    public CohortSizes Cohorts { get; init; } = new();

    /// <summary>
    /// Smoke ~0.3 mm (tests), quick 0.1 mm (the acquisition resolution), paper 0.06 mm (the paper's grid).
    /// Misregistration is 1-2 voxels (mean 1.5) on the quick and paper grids as in the paper; on the coarse
    /// smoke grid that would be 0.45 mm and erase the callosum, so smoke uses 0.5 voxel (0.15 mm, like quick).
    /// </summary>
    public static PhantomConfig For(Preset preset) => preset switch
    {
        Preset.Smoke => new PhantomConfig
        {
            Preset = preset, Spacing = 0.3,
            Histology = new HistologyParameters { MisregistrationMeanVoxels = 0.5, MisregistrationMinVoxels = 0.3, MisregistrationMaxVoxels = 0.7 },
        },
        Preset.Quick => new PhantomConfig { Preset = preset, Spacing = 0.1 },
        Preset.Paper => new PhantomConfig { Preset = preset, Spacing = 0.06 },
        _ => throw new ArgumentOutOfRangeException(nameof(preset)),
    };

    /// <summary>The voxel grid.</summary>
    public PhantomGrid Grid => PhantomGrid.Covering(FieldOfViewX, FieldOfViewY, FieldOfViewZ, Spacing);

    /// <summary>The config as canonical JSON (what the cache key hashes).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>A short stable hash of the generator's code, config and the given parts (hex, 16 characters).</summary>
    public string Hash(params object[] parts) => HashWith(CodeIdentity, parts);

    internal string HashWith(string codeIdentity, params object[] parts)
    {
        var sb = new StringBuilder(GeneratorVersion).Append('|').Append(codeIdentity).Append('|').Append(ToJson());
        foreach (var p in parts) sb.Append('|').Append(Convert.ToString(p, System.Globalization.CultureInfo.InvariantCulture));
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return Convert.ToHexString(digest, 0, 8).ToLowerInvariant();
    }

    /// <summary>Throws a one-line <see cref="MrhException"/> if a value is out of its sensible range.</summary>
    public void Validate()
    {
        if (!(Spacing >= 0.02 && Spacing <= 1.0)) throw new MrhException($"phantom grid spacing must be between 0.02 and 1 mm (got {Spacing})");
        if (!(FieldOfViewX >= 5 && FieldOfViewY >= 3 && FieldOfViewZ >= 6 && FieldOfViewX <= 30 && FieldOfViewY <= 30 && FieldOfViewZ <= 30))
            throw new MrhException("phantom field of view must be 5-30 mm (x), 3-30 mm (y), 6-30 mm (z)");
        long voxels = (long)Grid.NX * Grid.NY * Grid.NZ;
        if (voxels > 40_000_000) throw new MrhException($"phantom grid of {Grid} ({voxels:N0} voxels) is too large");
        var h = Histology;
        if (!(h.MisregistrationMeanVoxels >= 0 && h.MisregistrationMeanVoxels <= 10)) throw new MrhException("misregistration mean must be 0-10 voxels");
        var c = Cohorts;
        int[] sizes = [c.MriTraining, c.MriTest, c.Shiverer, c.ShivererControls, c.Sas4, c.Sas4Controls, c.AutoFluorescence, c.AfReferenceAverage];
        if (sizes.Any(s => s < 0 || s > 10_000)) throw new MrhException("cohort sizes must be 0-10000");
        if (!(Acquisition.SnrB0 > 0 && Acquisition.SnrT2w > 0 && Acquisition.SnrMt > 0)) throw new MrhException("SNR values must be positive");
        if (!(Acquisition.PsfFwhmVoxels >= 0 && Acquisition.PsfFwhmVoxels <= 5)) throw new MrhException($"the point-spread FWHM must be 0-5 acquired voxels (got {Acquisition.PsfFwhmVoxels})");
        if (!(Tissue.DendriteVolumeFraction >= 0 && Tissue.DendriteVolumeFraction <= 0.9)) throw new MrhException($"the dendrite volume fraction must be 0-0.9 (got {Tissue.DendriteVolumeFraction})");
        if (!(Tissue.ExtraCellularDispersionPerCell >= 0 && Tissue.ExtraCellularDispersionPerCell <= 5)) throw new MrhException($"the extra-cellular OGSE dispersion must be 0-5 per unit cell density (got {Tissue.ExtraCellularDispersionPerCell})");
    }

    static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
