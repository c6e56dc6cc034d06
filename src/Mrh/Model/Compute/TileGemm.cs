using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Mrh.Model.Compute;

/// <summary>
/// Small dense matrix products for the Winograd engine, C (=|+=) A B, written for AVX-512: register
/// tiles of up to 6 rows x 64 columns (24 accumulators), B read along rows of 16-float vectors, A read
/// one scalar at a time (broadcast) with arbitrary strides, so the same kernel computes A B, A^T B and
/// A B^T-shaped products by choice of strides. Column counts must be multiples of 16 (callers pad).
/// </summary>
static unsafe class TileGemm
{
    /// <summary>
    /// C[r, j] (=|+=) sum_k A(r, k) B[k, j] for r &lt; rows, k &lt; depth, j &lt; cols (a multiple of 16), where
    /// A(r, k) = a[r * aRow + k * aDepth], B[k, j] = b[k * bRow + j], C[r, j] = c[r * cRow + j].
    /// </summary>
    public static void Multiply(int rows, int depth, int cols, float* a, long aRow, long aDepth, float* b, long bRow, float* c, long cRow, bool accumulate)
    {
        if ((cols & 15) != 0) throw new ArgumentException("columns must be a multiple of 16", nameof(cols));
        for (int j = 0; j < cols; j += 64)
        {
            int vectors = Math.Min(4, (cols - j) >> 4);
            int r = 0;
            for (; r + 6 <= rows; r += 6)
                Dispatch(6, vectors, depth, a + r * aRow, aRow, aDepth, b + j, bRow, c + r * cRow + j, cRow, accumulate);
            if (r < rows)
                Dispatch(rows - r, vectors, depth, a + r * aRow, aRow, aDepth, b + j, bRow, c + r * cRow + j, cRow, accumulate);
        }
    }

    static void Dispatch(int rows, int vectors, int depth, float* a, long aRow, long aDepth, float* b, long bRow, float* c, long cRow, bool acc)
    {
        switch (rows * 8 + vectors)
        {
            case 6 * 8 + 4: Block<R6, V4>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 6 * 8 + 3: Block<R6, V3>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 6 * 8 + 2: Block<R6, V2>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 6 * 8 + 1: Block<R6, V1>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 5 * 8 + 4: Block<R5, V4>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 5 * 8 + 3: Block<R5, V3>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 5 * 8 + 2: Block<R5, V2>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 5 * 8 + 1: Block<R5, V1>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 4 * 8 + 4: Block<R4, V4>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 4 * 8 + 3: Block<R4, V3>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 4 * 8 + 2: Block<R4, V2>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 4 * 8 + 1: Block<R4, V1>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 3 * 8 + 4: Block<R3, V4>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 3 * 8 + 3: Block<R3, V3>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 3 * 8 + 2: Block<R3, V2>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 3 * 8 + 1: Block<R3, V1>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 2 * 8 + 4: Block<R2, V4>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 2 * 8 + 3: Block<R2, V3>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 2 * 8 + 2: Block<R2, V2>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 2 * 8 + 1: Block<R2, V1>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 1 * 8 + 4: Block<R1, V4>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 1 * 8 + 3: Block<R1, V3>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 1 * 8 + 2: Block<R1, V2>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            case 1 * 8 + 1: Block<R1, V1>(depth, a, aRow, aDepth, b, bRow, c, cRow, acc); break;
            default: throw new ArgumentOutOfRangeException(nameof(rows));
        }
    }

    // Compile-time sizes: the JIT specialises Block for each pair and drops the unused accumulators.
    interface ISize { static abstract int Value { get; } }
    struct R1 : ISize { public static int Value => 1; }
    struct R2 : ISize { public static int Value => 2; }
    struct R3 : ISize { public static int Value => 3; }
    struct R4 : ISize { public static int Value => 4; }
    struct R5 : ISize { public static int Value => 5; }
    struct R6 : ISize { public static int Value => 6; }
    struct V1 : ISize { public static int Value => 1; }
    struct V2 : ISize { public static int Value => 2; }
    struct V3 : ISize { public static int Value => 3; }
    struct V4 : ISize { public static int Value => 4; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    static void Block<TR, TV>(int depth, float* a, long aRow, long aDepth, float* b, long bRow, float* c, long cRow, bool accumulate)
        where TR : struct, ISize where TV : struct, ISize
    {
        int R = TR.Value, V = TV.Value;
        Vector512<float> c00 = default, c01 = default, c02 = default, c03 = default;
        Vector512<float> c10 = default, c11 = default, c12 = default, c13 = default;
        Vector512<float> c20 = default, c21 = default, c22 = default, c23 = default;
        Vector512<float> c30 = default, c31 = default, c32 = default, c33 = default;
        Vector512<float> c40 = default, c41 = default, c42 = default, c43 = default;
        Vector512<float> c50 = default, c51 = default, c52 = default, c53 = default;
        if (accumulate)
        {
            float* p = c;
            c00 = Vector512.Load(p); if (V > 1) c01 = Vector512.Load(p + 16); if (V > 2) c02 = Vector512.Load(p + 32); if (V > 3) c03 = Vector512.Load(p + 48);
            if (R > 1) { p += cRow; c10 = Vector512.Load(p); if (V > 1) c11 = Vector512.Load(p + 16); if (V > 2) c12 = Vector512.Load(p + 32); if (V > 3) c13 = Vector512.Load(p + 48); }
            if (R > 2) { p += cRow; c20 = Vector512.Load(p); if (V > 1) c21 = Vector512.Load(p + 16); if (V > 2) c22 = Vector512.Load(p + 32); if (V > 3) c23 = Vector512.Load(p + 48); }
            if (R > 3) { p += cRow; c30 = Vector512.Load(p); if (V > 1) c31 = Vector512.Load(p + 16); if (V > 2) c32 = Vector512.Load(p + 32); if (V > 3) c33 = Vector512.Load(p + 48); }
            if (R > 4) { p += cRow; c40 = Vector512.Load(p); if (V > 1) c41 = Vector512.Load(p + 16); if (V > 2) c42 = Vector512.Load(p + 32); if (V > 3) c43 = Vector512.Load(p + 48); }
            if (R > 5) { p += cRow; c50 = Vector512.Load(p); if (V > 1) c51 = Vector512.Load(p + 16); if (V > 2) c52 = Vector512.Load(p + 32); if (V > 3) c53 = Vector512.Load(p + 48); }
        }
        long o1 = aRow, o2 = 2 * aRow, o3 = 3 * aRow, o4 = 4 * aRow, o5 = 5 * aRow;
        for (int k = 0; k < depth; k++)
        {
            var b0 = Vector512.Load(b);
            var b1 = V > 1 ? Vector512.Load(b + 16) : default;
            var b2 = V > 2 ? Vector512.Load(b + 32) : default;
            var b3 = V > 3 ? Vector512.Load(b + 48) : default;
            b += bRow;
            var x = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00);
            if (V > 1) c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            if (V > 2) c02 = Vector512.FusedMultiplyAdd(x, b2, c02);
            if (V > 3) c03 = Vector512.FusedMultiplyAdd(x, b3, c03);
            if (R > 1)
            {
                x = Vector512.Create(a[o1]);
                c10 = Vector512.FusedMultiplyAdd(x, b0, c10);
                if (V > 1) c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
                if (V > 2) c12 = Vector512.FusedMultiplyAdd(x, b2, c12);
                if (V > 3) c13 = Vector512.FusedMultiplyAdd(x, b3, c13);
            }
            if (R > 2)
            {
                x = Vector512.Create(a[o2]);
                c20 = Vector512.FusedMultiplyAdd(x, b0, c20);
                if (V > 1) c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
                if (V > 2) c22 = Vector512.FusedMultiplyAdd(x, b2, c22);
                if (V > 3) c23 = Vector512.FusedMultiplyAdd(x, b3, c23);
            }
            if (R > 3)
            {
                x = Vector512.Create(a[o3]);
                c30 = Vector512.FusedMultiplyAdd(x, b0, c30);
                if (V > 1) c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
                if (V > 2) c32 = Vector512.FusedMultiplyAdd(x, b2, c32);
                if (V > 3) c33 = Vector512.FusedMultiplyAdd(x, b3, c33);
            }
            if (R > 4)
            {
                x = Vector512.Create(a[o4]);
                c40 = Vector512.FusedMultiplyAdd(x, b0, c40);
                if (V > 1) c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
                if (V > 2) c42 = Vector512.FusedMultiplyAdd(x, b2, c42);
                if (V > 3) c43 = Vector512.FusedMultiplyAdd(x, b3, c43);
            }
            if (R > 5)
            {
                x = Vector512.Create(a[o5]);
                c50 = Vector512.FusedMultiplyAdd(x, b0, c50);
                if (V > 1) c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
                if (V > 2) c52 = Vector512.FusedMultiplyAdd(x, b2, c52);
                if (V > 3) c53 = Vector512.FusedMultiplyAdd(x, b3, c53);
            }
            a += aDepth;
        }
        float* q = c;
        c00.Store(q); if (V > 1) c01.Store(q + 16); if (V > 2) c02.Store(q + 32); if (V > 3) c03.Store(q + 48);
        if (R > 1) { q += cRow; c10.Store(q); if (V > 1) c11.Store(q + 16); if (V > 2) c12.Store(q + 32); if (V > 3) c13.Store(q + 48); }
        if (R > 2) { q += cRow; c20.Store(q); if (V > 1) c21.Store(q + 16); if (V > 2) c22.Store(q + 32); if (V > 3) c23.Store(q + 48); }
        if (R > 3) { q += cRow; c30.Store(q); if (V > 1) c31.Store(q + 16); if (V > 2) c32.Store(q + 32); if (V > 3) c33.Store(q + 48); }
        if (R > 4) { q += cRow; c40.Store(q); if (V > 1) c41.Store(q + 16); if (V > 2) c42.Store(q + 32); if (V > 3) c43.Store(q + 48); }
        if (R > 5) { q += cRow; c50.Store(q); if (V > 1) c51.Store(q + 16); if (V > 2) c52.Store(q + 32); if (V > 3) c53.Store(q + 48); }
    }
}
