namespace Mrh.Analysis;

/// <summary>
/// A dense displacement field on a volume grid, in voxels along the array axes: the value at voxel p
/// is read from p + (Dx, Dy, Dz)[p] (a pull-back field). Arrays are x fastest, like volume channels.
/// </summary>
public sealed record DisplacementField(int NX, int NY, int NZ, float[] Dx, float[] Dy, float[] Dz)
{
    /// <summary>|u| at every voxel.</summary>
    public float[] Magnitudes()
    {
        var m = new float[Dx.Length];
        for (int i = 0; i < m.Length; i++) m[i] = MathF.Sqrt(Dx[i] * Dx[i] + Dy[i] * Dy[i] + Dz[i] * Dz[i]);
        return m;
    }

    /// <summary>Mean |u| over all voxels, in voxels.</summary>
    public double MeanMagnitude()
    {
        double s = 0;
        for (int i = 0; i < Dx.Length; i++) s += Math.Sqrt((double)Dx[i] * Dx[i] + (double)Dy[i] * Dy[i] + (double)Dz[i] * Dz[i]);
        return s / Dx.Length;
    }

    /// <summary>A field of the same displacement everywhere.</summary>
    public static DisplacementField Constant(int nx, int ny, int nz, float dx, float dy, float dz)
    {
        int n = nx * ny * nz;
        return new DisplacementField(nx, ny, nz, Fill(n, dx), Fill(n, dy), Fill(n, dz));
        static float[] Fill(int n, float v) { var a = new float[n]; Array.Fill(a, v); return a; }
    }
}
