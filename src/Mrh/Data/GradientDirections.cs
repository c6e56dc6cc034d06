namespace Mrh.Data;

/// <summary>Deterministic, nearly uniform diffusion gradient directions.</summary>
public static class GradientDirections
{
    /// <summary>
    /// <paramref name="count"/> unit vectors spread evenly over orientation space (z >= 0), the way
    /// diffusion schemes are designed: start from a Fibonacci spiral on the upper hemisphere and relax
    /// the points by electrostatic repulsion between each point and every other point and its antipode
    /// (diffusion signals are symmetric under g -> -g). Deterministic: no random start.
    /// </summary>
    public static double[][] Hemisphere(int count, int iterations = 400)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "need at least one direction");
        double golden = Math.PI * (3 - Math.Sqrt(5));
        var p = new double[count][];
        for (int i = 0; i < count; i++)
        {
            double z = 1 - (i + 0.5) / count;
            double r = Math.Sqrt(Math.Max(0, 1 - z * z));
            p[i] = [r * Math.Cos(golden * i), r * Math.Sin(golden * i), z];
        }
        var force = new double[count][];
        for (int i = 0; i < count; i++) force[i] = new double[3];
        double step = 0.05;
        for (int it = 0; it < iterations; it++)
        {
            for (int i = 0; i < count; i++)
            {
                Array.Clear(force[i]);
                for (int j = 0; j < count; j++)
                {
                    if (j == i) continue;
                    for (int sign = -1; sign <= 1; sign += 2)
                    {
                        double dx = p[i][0] - sign * p[j][0], dy = p[i][1] - sign * p[j][1], dz = p[i][2] - sign * p[j][2];
                        double d2 = dx * dx + dy * dy + dz * dz + 1e-12, inv = 1 / (d2 * Math.Sqrt(d2));
                        force[i][0] += dx * inv; force[i][1] += dy * inv; force[i][2] += dz * inv;
                    }
                }
            }
            for (int i = 0; i < count; i++)
            {
                // keep only the tangential part of the force, move, and project back onto the sphere
                double radial = force[i][0] * p[i][0] + force[i][1] * p[i][1] + force[i][2] * p[i][2];
                for (int k = 0; k < 3; k++) p[i][k] += step / count * (force[i][k] - radial * p[i][k]);
                double n = Math.Sqrt(p[i][0] * p[i][0] + p[i][1] * p[i][1] + p[i][2] * p[i][2]);
                double flip = p[i][2] < 0 ? -1 : 1;
                for (int k = 0; k < 3; k++) p[i][k] *= flip / n;
            }
        }
        return p;
    }
}
