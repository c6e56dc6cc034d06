using Mrh.Model.Compute;
using V = System.Runtime.Intrinsics.Vector512<float>;

namespace Mrh.Tests.Model.Compute;

/// <summary>
/// The AVX-512 kernels against scalar double-precision definitions: each grid transform against the
/// Kronecker product of <see cref="WinogradF3"/>'s matrices, the small matrix product against loops.
/// </summary>
public unsafe class SimdKernelTests
{
    static bool Skip => !FastPatchNetwork.IsAvailable;

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

    static void CheckExpand<TX>(Func<int, int, double> m) where TX : struct, GridTransforms.IExpand
    {
        var src = Random(9 * 16, 1);
        var dst = new float[25 * 16];
        fixed (float* s = src, d = dst)
        {
            GridTransforms.Load9(s, 16, out var x00, out var x01, out var x02, out var x10, out var x11, out var x12, out var x20, out var x21, out var x22);
            GridTransforms.Expand<TX>(x00, x01, x02, x10, x11, x12, x20, x21, x22, d, 16);
        }
        for (int lane = 0; lane < 16; lane++)
        {
            var want = Kron(m, 5, 3, src, 16, lane);
            for (int t = 0; t < 25; t++) Assert.Equal(want[t], dst[t * 16 + lane], 1e-5 * (1 + Math.Abs(want[t])));
        }
    }

    static void CheckReduce<TR>(Func<int, int, double> m) where TR : struct, GridTransforms.IReduce
    {
        var src = Random(25 * 16, 2);
        var dst = new float[9 * 16];
        fixed (float* s = src, d = dst)
        {
            GridTransforms.Reduce<TR>(s, 16, out var y00, out var y01, out var y02, out var y10, out var y11, out var y12, out var y20, out var y21, out var y22);
            GridTransforms.Store9(d, 16, y00, y01, y02, y10, y11, y12, y20, y21, y22);
        }
        for (int lane = 0; lane < 16; lane++)
        {
            var want = Kron(m, 3, 5, src, 16, lane);
            for (int p = 0; p < 9; p++) Assert.Equal(want[p], dst[p * 16 + lane], 1e-5 * (1 + Math.Abs(want[p])));
        }
    }

    [Fact]
    public void GridTransformsAreTheKroneckerProducts()
    {
        if (Skip) return;
        CheckExpand<GridTransforms.Input>(B);
        CheckExpand<GridTransforms.OutputAdjoint>(AT);
        CheckExpand<GridTransforms.Kernel>(G);
        CheckReduce<GridTransforms.Output>(A);
        CheckReduce<GridTransforms.InputAdjoint>(BT);
        CheckReduce<GridTransforms.KernelAdjoint>(GT);
    }

    [Theory]
    [InlineData(6, 64, 64, false)]
    [InlineData(13, 67, 80, false)]  // a 6-row block, a 6-row block and one row; 5 column vectors
    [InlineData(5, 9, 16, true)]
    [InlineData(1, 1, 48, true)]
    [InlineData(20, 3, 112, false)]
    public void MatrixProductMatchesLoops(int rows, int depth, int cols, bool accumulate)
    {
        if (Skip) return;
        foreach (bool transposedA in new[] { false, true })
        {
            // A stored either row-major [rows][depth] or transposed [depth][rows] (how dW = U^T dM reads it)
            var a = Random(rows * depth, 3);
            var b = Random(depth * cols, 4);
            var c = Random(rows * cols, 5);
            var before = (float[])c.Clone();
            long aRow = transposedA ? 1 : depth, aDepth = transposedA ? rows : 1;
            fixed (float* pa = a, pb = b, pc = c)
                TileGemm.Multiply(rows, depth, cols, pa, aRow, aDepth, pb, cols, pc, cols, accumulate);
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < cols; j++)
                {
                    double want = accumulate ? before[r * cols + j] : 0;
                    for (int k = 0; k < depth; k++) want += (double)a[r * aRow + k * aDepth] * b[k * cols + j];
                    Assert.Equal(want, c[r * cols + j], 1e-5 * (1 + Math.Abs(want)));
                }
        }
    }

    [Fact]
    public void ColumnCountsMustBeWholeVectors()
    {
        if (Skip) return;
        var x = new float[64];
        Assert.Throws<ArgumentException>(() => { fixed (float* p = x) TileGemm.Multiply(1, 1, 8, p, 1, 1, p, 8, p, 8, false); });
    }
}
