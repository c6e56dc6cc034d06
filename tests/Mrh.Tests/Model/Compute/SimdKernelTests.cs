using System.Runtime.Intrinsics;
using Mrh.Model.Compute;

namespace Mrh.Tests.Model.Compute;

/// <summary>
/// The SIMD kernels, at every vector width this machine runs, against scalar double-precision definitions:
/// each grid transform against the Kronecker product of <see cref="WinogradF3"/>'s matrices, the small
/// matrix product against loops.
/// </summary>
public unsafe class SimdKernelTests
{

    /// <summary>B, A^T, G (5 x 3) and A, B^T, G^T (3 x 5) as functions (row, column) -> coefficient.</summary>
    static readonly Func<int, int, double> B = WinogradF3.Input, G = WinogradF3.Kernel, AT = (t, i) => WinogradF3.Output(i, t);
    static readonly Func<int, int, double> A = WinogradF3.Output, BT = (i, t) => WinogradF3.Input(t, i), GT = (i, t) => WinogradF3.Kernel(t, i);

    /// <summary>dst[i][j] = sum m(i, k) m(j, l) src[k][l] per lane, src side n, dst side d.</summary>
    static double[] Kron(Func<int, int, double> m, int d, int n, float[] src, int lanes, int lane)
    {
        var y = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++)
                for (int k = 0; k < n; k++)
                    for (int l = 0; l < n; l++) y[i * d + j] += m(i, k) * m(j, l) * src[(k * n + l) * lanes + lane];
        return y;
    }

    static float[] Random(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
    }

    // planes 16 floats apart, of which the first TS.Count lanes are computed and checked
    static void CheckExpand<TS, TV, TX>(Func<int, int, double> m) where TS : struct, ISimd<TV> where TV : struct where TX : struct, GridTransforms<TS, TV>.IExpand
    {
        var src = Random(9 * 16, 1);
        var dst = new float[25 * 16];
        fixed (float* s = src, d = dst)
        {
            GridTransforms<TS, TV>.Load9(s, 16, out var x00, out var x01, out var x02, out var x10, out var x11, out var x12, out var x20, out var x21, out var x22);
            GridTransforms<TS, TV>.Expand<TX>(x00, x01, x02, x10, x11, x12, x20, x21, x22, d, 16);
        }
        for (int lane = 0; lane < TS.Count; lane++)
        {
            var want = Kron(m, 5, 3, src, 16, lane);
            for (int t = 0; t < 25; t++) Assert.Equal(want[t], dst[t * 16 + lane], 1e-5 * (1 + Math.Abs(want[t])));
        }
    }

    static void CheckReduce<TS, TV, TR>(Func<int, int, double> m) where TS : struct, ISimd<TV> where TV : struct where TR : struct, GridTransforms<TS, TV>.IReduce
    {
        var src = Random(25 * 16, 2);
        var dst = new float[9 * 16];
        fixed (float* s = src, d = dst)
        {
            GridTransforms<TS, TV>.Reduce<TR>(s, 16, out var y00, out var y01, out var y02, out var y10, out var y11, out var y12, out var y20, out var y21, out var y22);
            GridTransforms<TS, TV>.Store9(d, 16, y00, y01, y02, y10, y11, y12, y20, y21, y22);
        }
        for (int lane = 0; lane < TS.Count; lane++)
        {
            var want = Kron(m, 3, 5, src, 16, lane);
            for (int p = 0; p < 9; p++) Assert.Equal(want[p], dst[p * 16 + lane], 1e-5 * (1 + Math.Abs(want[p])));
        }
    }

    static void CheckTransforms<TS, TV>() where TS : struct, ISimd<TV> where TV : struct
    {
        CheckExpand<TS, TV, GridTransforms<TS, TV>.Input>(B);
        CheckExpand<TS, TV, GridTransforms<TS, TV>.OutputAdjoint>(AT);
        CheckExpand<TS, TV, GridTransforms<TS, TV>.Kernel>(G);
        CheckReduce<TS, TV, GridTransforms<TS, TV>.Output>(A);
        CheckReduce<TS, TV, GridTransforms<TS, TV>.InputAdjoint>(BT);
        CheckReduce<TS, TV, GridTransforms<TS, TV>.KernelAdjoint>(GT);
    }

    [EngineTheory]
    [MemberData(nameof(EngineWidthData.Widths), MemberType = typeof(EngineWidthData))]
    public void GridTransformsAreTheKroneckerProducts(EngineWidth width)
    {
        switch (width)
        {
            case EngineWidth.V512: CheckTransforms<Simd512, Vector512<float>>(); break;
            case EngineWidth.V256: CheckTransforms<Simd256, Vector256<float>>(); break;
            case EngineWidth.V128: CheckTransforms<Simd128, Vector128<float>>(); break;
            default: throw new ArgumentOutOfRangeException(nameof(width));
        }
    }

    public static IEnumerable<object[]> Products => EngineWidthData.Cross(
    [
        [6, 64, 64, false],
        [13, 67, 80, false],  // a 6-row block, then the last 7 rows as 4 + 3; 5 vectors of 16 columns
        [5, 9, 16, true],
        [1, 1, 48, true],
        [20, 3, 112, false],  // 6 + 6, then 8 rows as 4 + 4
        [32, 64, 64, true],   // a training tile: 6 + 6 + 6 + 6 + 4 + 4
    ]);

    /// <summary>
    /// The distance between a tile's planes: room for the plane, whole 64-byte lines, and the 25 planes a kernel
    /// touches at one offset in 25 different line slots of a 4 KiB page (so in different L1 sets), never
    /// smaller for a smaller tile (buffers are sized for the largest).
    /// </summary>
    [Fact]
    public void PlanesAreAnOddNumberOfLinesApart()
    {
        foreach (int cp in new[] { 16, 32, 48, 64, 80, 128 })
            for (int rows = 1; rows <= 70; rows++)
            {
                long s = TileKernels.PlaneStride(rows, cp);
                Assert.True(s >= (long)rows * cp && s < (long)rows * cp + 32, $"{rows} x {cp}: {s}");
                Assert.Equal(0, s % 16);
                var slots = Enumerable.Range(0, 25).Select(t => t * s * sizeof(float) % 4096 / 64).Distinct().Count();
                Assert.Equal(25, slots);
                Assert.True(s >= TileKernels.PlaneStride(rows - 1, cp) && s >= TileKernels.PlaneStride(rows, cp - 16));
            }
        Assert.Equal(64 * 64 + 16, TileKernels.PlaneStride(64, 64));  // 256 lines -> 257
        Assert.Equal(32 * 48 + 16, TileKernels.PlaneStride(32, 48));  // 96 lines -> 97
        Assert.Equal(3 * 16, TileKernels.PlaneStride(3, 16));         // 3 lines already odd
    }

    [EngineTheory]
    [MemberData(nameof(Products))]
    public void MatrixProductMatchesLoops(int rows, int depth, int cols, bool accumulate, EngineWidth width)
    {
        var kernels = TileKernels.For(width);
        foreach (bool transposedA in new[] { false, true })
        {
            // A stored either row-major [rows][depth] or transposed [depth][rows] (how dW = U^T dM reads it)
            var a = Random(rows * depth, 3);
            var b = Random(depth * cols, 4);
            var c = Random(rows * cols, 5);
            var before = (float[])c.Clone();
            long aRow = transposedA ? 1 : depth, aDepth = transposedA ? rows : 1;
            fixed (float* pa = a, pb = b, pc = c)
                kernels.Multiply(rows, depth, cols, pa, aRow, aDepth, pb, cols, pc, cols, accumulate);
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < cols; j++)
                {
                    double want = accumulate ? before[r * cols + j] : 0;
                    for (int k = 0; k < depth; k++) want += (double)a[r * aRow + k * aDepth] * b[k * cols + j];
                    Assert.Equal(want, c[r * cols + j], 1e-5 * (1 + Math.Abs(want)));
                }
        }
    }

    [EngineTheory]
    [MemberData(nameof(EngineWidthData.Widths), MemberType = typeof(EngineWidthData))]
    public void ColumnCountsMustBeWholeVectors(EngineWidth width)
    {
        var kernels = TileKernels.For(width);
        var x = new float[64];
        Assert.Throws<ArgumentException>(() => { fixed (float* p = x) kernels.Multiply(1, 1, 8, p, 1, 1, p, 8, p, 8, false); });
    }
}
