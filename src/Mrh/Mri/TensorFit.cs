using Mrh.Imaging;

namespace Mrh.Mri;

/// <summary>The maps a <see cref="TensorFit"/> can turn into volumes.</summary>
public enum TensorMap
{
    /// <summary>Fractional anisotropy, 0..1.</summary>
    FA,
    /// <summary>Mean diffusivity, mm^2/s.</summary>
    MD,
    /// <summary>Axial diffusivity (largest eigenvalue), mm^2/s.</summary>
    AD,
    /// <summary>Radial diffusivity (mean of the two smaller eigenvalues), mm^2/s.</summary>
    RD,
    /// <summary>Fitted non-diffusion-weighted signal.</summary>
    S0,
    /// <summary>Principal direction, three channels x, y, z (z >= 0).</summary>
    V1,
    /// <summary>The three eigenvalues l1 >= l2 >= l3, three channels.</summary>
    Eigenvalues,
}

/// <summary>
/// The result of <see cref="TensorModel.Fit"/>: per-voxel maps on the fitted volume's grid (x fastest,
/// as <see cref="Volume"/>), 0 outside the mask and where no fit was possible. FA, MD and RD are
/// computed from the eigenvalues on first use. The arrays are shared, not copied: do not write into them.
/// </summary>
public sealed class TensorFit
{
    /// <summary>Storage filled by the fit, one value per voxel.</summary>
    internal sealed class Maps(int n)
    {
        public readonly float[] S0 = new float[n], L1 = new float[n], L2 = new float[n], L3 = new float[n];
        public readonly float[] V1X = new float[n], V1Y = new float[n], V1Z = new float[n];

        public void Set(int v, in TensorVoxel t)
        {
            S0[v] = (float)t.S0; L1[v] = (float)t.L1; L2[v] = (float)t.L2; L3[v] = (float)t.L3;
            V1X[v] = (float)t.V1X; V1Y[v] = (float)t.V1Y; V1Z[v] = (float)t.V1Z;
        }
    }

    readonly Maps _maps;
    readonly Volume _grid;
    readonly Lazy<float[]> _fa, _md, _rd;

    internal TensorFit(Volume like, Maps maps, long fittedVoxels, TensorModel model)
    {
        _maps = maps;
        // a one-channel volume that carries only the geometry (keeps no reference to the input images)
        _grid = Volume.FromArray(like, maps.S0, "S0");
        FittedVoxels = fittedVoxels;
        Model = model;
        _fa = new(() => Derived(TensorScalars.FractionalAnisotropy));
        _md = new(() => Derived(TensorScalars.MeanDiffusivity));
        _rd = new(() => Derived(TensorScalars.RadialDiffusivity));
    }

    float[] Derived(Func<double, double, double, double> f)
    {
        var (l1, l2, l3) = (_maps.L1, _maps.L2, _maps.L3);
        var result = new float[l1.Length];
        for (int v = 0; v < result.Length; v++)
            if (l1[v] != 0 || l2[v] != 0 || l3[v] != 0) result[v] = (float)f(l1[v], l2[v], l3[v]);
        return result;
    }

    /// <summary>The model that made this fit.</summary>
    public TensorModel Model { get; }
    /// <summary>Number of voxels that were fitted (inside the mask, with a positive b0).</summary>
    public long FittedVoxels { get; }
    public int NX => _grid.NX;
    public int NY => _grid.NY;
    public int NZ => _grid.NZ;

    public float[] FA => _fa.Value;
    public float[] MD => _md.Value;
    /// <summary>Axial diffusivity: the largest eigenvalue (the same array as <see cref="L1"/>).</summary>
    public float[] AD => _maps.L1;
    public float[] RD => _rd.Value;
    public float[] S0 => _maps.S0;
    public float[] L1 => _maps.L1;
    public float[] L2 => _maps.L2;
    public float[] L3 => _maps.L3;
    /// <summary>Principal direction: three arrays x, y, z (unit vectors, z >= 0; zero where not fitted).</summary>
    public float[][] V1 => [_maps.V1X, _maps.V1Y, _maps.V1Z];

    /// <summary>The tensor of one voxel (array index as in <see cref="Volume.Index"/>).</summary>
    public TensorVoxel this[int voxel] => new(_maps.S0[voxel], _maps.L1[voxel], _maps.L2[voxel], _maps.L3[voxel],
        _maps.V1X[voxel], _maps.V1Y[voxel], _maps.V1Z[voxel]);

    /// <summary>A map as a volume with the fitted volume's geometry (spacing, affine, axes).</summary>
    public Volume ToVolume(TensorMap map) => map switch
    {
        TensorMap.FA => _grid.WithChannels([FA], ["FA"]),
        TensorMap.MD => _grid.WithChannels([MD], ["MD"]),
        TensorMap.AD => _grid.WithChannels([AD], ["AD"]),
        TensorMap.RD => _grid.WithChannels([RD], ["RD"]),
        TensorMap.S0 => _grid.WithChannels([S0], ["S0"]),
        TensorMap.V1 => _grid.WithChannels(V1, ["x", "y", "z"]),
        TensorMap.Eigenvalues => _grid.WithChannels([L1, L2, L3], ["L1", "L2", "L3"]),
        _ => throw new ArgumentOutOfRangeException(nameof(map)),
    };
}
