namespace Mrh.Imaging;

/// <summary>The three anatomical planes in which sections are cut.</summary>
public enum AnatomicalPlane
{
    /// <summary>Perpendicular to the anterior-posterior axis (the paper's training plane).</summary>
    Coronal,
    /// <summary>Perpendicular to the dorsal-ventral axis (also called axial).</summary>
    Horizontal,
    /// <summary>Perpendicular to the left-right axis.</summary>
    Sagittal,
}

/// <summary>
/// Which array axis (0 = x, fastest in memory; 1 = y; 2 = z) runs along each anatomical direction.
/// The built-in phantom uses the atlas frame (x: left-right, y: dorsal-ventral, z: anterior-posterior);
/// real data says what it uses in its manifest. Orientation is explicit, never guessed from a file.
/// </summary>
public readonly record struct AnatomicalAxes(int LeftRight, int DorsalVentral, int AnteriorPosterior)
{
    /// <summary>x: left-right, y: dorsal-ventral, z: anterior-posterior.</summary>
    public static AnatomicalAxes Atlas => new(0, 1, 2);

    /// <summary>Throws unless the three roles are a permutation of 0, 1, 2.</summary>
    public void Validate()
    {
        int mask = (1 << LeftRight) | (1 << DorsalVentral) | (1 << AnteriorPosterior);
        if (LeftRight is < 0 or > 2 || DorsalVentral is < 0 or > 2 || AnteriorPosterior is < 0 or > 2 || mask != 7)
            throw new ArgumentException($"anatomical axes must be a permutation of 0, 1, 2 (got {LeftRight}, {DorsalVentral}, {AnteriorPosterior})");
    }

    /// <summary>The array axis held fixed when cutting a section in <paramref name="plane"/>.</summary>
    public int NormalAxis(AnatomicalPlane plane) => plane switch
    {
        AnatomicalPlane.Coronal => AnteriorPosterior,
        AnatomicalPlane.Horizontal => DorsalVentral,
        AnatomicalPlane.Sagittal => LeftRight,
        _ => throw new ArgumentOutOfRangeException(nameof(plane)),
    };

    /// <summary>
    /// The in-plane array axes of a section, as (columns, rows): coronal = (LR, DV), horizontal = (LR, AP),
    /// sagittal = (AP, DV). Rows run dorsal to ventral (or anterior to posterior) as the array does.
    /// </summary>
    public (int Columns, int Rows) InPlaneAxes(AnatomicalPlane plane) => plane switch
    {
        AnatomicalPlane.Coronal => (LeftRight, DorsalVentral),
        AnatomicalPlane.Horizontal => (LeftRight, AnteriorPosterior),
        AnatomicalPlane.Sagittal => (AnteriorPosterior, DorsalVentral),
        _ => throw new ArgumentOutOfRangeException(nameof(plane)),
    };
}
