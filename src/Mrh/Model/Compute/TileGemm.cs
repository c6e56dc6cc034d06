using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Mrh.Model.Compute;

/// <summary>
/// Small dense matrix products for the Winograd engine, C (=|+=) A B, at one vector width: register tiles
/// of up to 6 rows x <see cref="ISimd{TV}.TileVectors"/> vectors (AVX-512: 6 x 64 floats in 24
/// accumulators; AVX2: 6 x 16 in 12), B read along rows of vectors, A read one scalar at a time (broadcast)
/// with arbitrary strides, so the same kernel computes A B, A^T B and A B^T-shaped products by choice of
/// strides. Column counts must be multiples of 16 (the engine pads channels to 16 at every width). Each
/// output is the same sequence of multiply-adds over k at every width.
/// </summary>
static unsafe class TileGemm<TS, TV>
    where TS : struct, ISimd<TV>
    where TV : struct
{
    /// <summary>
    /// C[r, j] (=|+=) sum_k A(r, k) B[k, j] for r &lt; rows, k &lt; depth, j &lt; cols (a multiple of 16), where
    /// A(r, k) = a[r * aRow + k * aDepth], B[k, j] = b[k * bRow + j], C[r, j] = c[r * cRow + j].
    /// </summary>
    public static void Multiply(int rows, int depth, int cols, float* a, long aRow, long aDepth, float* b, long bRow, float* c, long cRow, bool accumulate)
    {
        if ((cols & 15) != 0) throw new ArgumentException("columns must be a multiple of 16", nameof(cols));
        int n = TS.Count, step = n * TS.TileVectors;
        for (int j = 0; j < cols; j += step)
        {
            int vectors = Math.Min(TS.TileVectors, (cols - j) / n);
            // blocks of 6 rows; a remainder of 1 or 2 rows takes the last 6 with it as two blocks of 3-4, which keep
            // more independent accumulators in flight (the multiply-adds of each output are the same either way)
            int full = rows / 6, rest = rows - 6 * full;
            if (full > 0 && rest is 1 or 2) { full--; rest += 6; }
            int r = 0;
            for (int block = 0; block < full; block++, r += 6)
                Dispatch(6, vectors, depth, a + r * aRow, aRow, aDepth, b + j, bRow, c + r * cRow + j, cRow, accumulate);
            if (rest > 6)
            {
                int half = (rest + 1) / 2;
                Dispatch(half, vectors, depth, a + r * aRow, aRow, aDepth, b + j, bRow, c + r * cRow + j, cRow, accumulate);
                r += half;
                rest -= half;
            }
            if (rest > 0)
                Dispatch(rest, vectors, depth, a + r * aRow, aRow, aDepth, b + j, bRow, c + r * cRow + j, cRow, accumulate);
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
    static void Block<TR, TVn>(int depth, float* a, long aRow, long aDepth, float* b, long bRow, float* c, long cRow, bool accumulate)
        where TR : struct, ISize where TVn : struct, ISize
    {
        int R = TR.Value, V = TVn.Value, n = TS.Count;
        TV c00 = default, c01 = default, c02 = default, c03 = default;
        TV c10 = default, c11 = default, c12 = default, c13 = default;
        TV c20 = default, c21 = default, c22 = default, c23 = default;
        TV c30 = default, c31 = default, c32 = default, c33 = default;
        TV c40 = default, c41 = default, c42 = default, c43 = default;
        TV c50 = default, c51 = default, c52 = default, c53 = default;
        if (accumulate)
        {
            float* p = c;
            c00 = TS.Load(p); if (V > 1) c01 = TS.Load(p + n); if (V > 2) c02 = TS.Load(p + 2 * n); if (V > 3) c03 = TS.Load(p + 3 * n);
            if (R > 1) { p += cRow; c10 = TS.Load(p); if (V > 1) c11 = TS.Load(p + n); if (V > 2) c12 = TS.Load(p + 2 * n); if (V > 3) c13 = TS.Load(p + 3 * n); }
            if (R > 2) { p += cRow; c20 = TS.Load(p); if (V > 1) c21 = TS.Load(p + n); if (V > 2) c22 = TS.Load(p + 2 * n); if (V > 3) c23 = TS.Load(p + 3 * n); }
            if (R > 3) { p += cRow; c30 = TS.Load(p); if (V > 1) c31 = TS.Load(p + n); if (V > 2) c32 = TS.Load(p + 2 * n); if (V > 3) c33 = TS.Load(p + 3 * n); }
            if (R > 4) { p += cRow; c40 = TS.Load(p); if (V > 1) c41 = TS.Load(p + n); if (V > 2) c42 = TS.Load(p + 2 * n); if (V > 3) c43 = TS.Load(p + 3 * n); }
            if (R > 5) { p += cRow; c50 = TS.Load(p); if (V > 1) c51 = TS.Load(p + n); if (V > 2) c52 = TS.Load(p + 2 * n); if (V > 3) c53 = TS.Load(p + 3 * n); }
        }
        long o1 = aRow, o2 = 2 * aRow, o3 = 3 * aRow, o4 = 4 * aRow, o5 = 5 * aRow;
        for (int k = 0; k < depth; k++)
        {
            var b0 = TS.Load(b);
            var b1 = V > 1 ? TS.Load(b + n) : default;
            var b2 = V > 2 ? TS.Load(b + 2 * n) : default;
            var b3 = V > 3 ? TS.Load(b + 3 * n) : default;
            b += bRow;
            var x = TS.LoadBroadcast(a);
            c00 = TS.MultiplyAdd(x, b0, c00);
            if (V > 1) c01 = TS.MultiplyAdd(x, b1, c01);
            if (V > 2) c02 = TS.MultiplyAdd(x, b2, c02);
            if (V > 3) c03 = TS.MultiplyAdd(x, b3, c03);
            if (R > 1)
            {
                x = TS.LoadBroadcast(a + o1);
                c10 = TS.MultiplyAdd(x, b0, c10);
                if (V > 1) c11 = TS.MultiplyAdd(x, b1, c11);
                if (V > 2) c12 = TS.MultiplyAdd(x, b2, c12);
                if (V > 3) c13 = TS.MultiplyAdd(x, b3, c13);
            }
            if (R > 2)
            {
                x = TS.LoadBroadcast(a + o2);
                c20 = TS.MultiplyAdd(x, b0, c20);
                if (V > 1) c21 = TS.MultiplyAdd(x, b1, c21);
                if (V > 2) c22 = TS.MultiplyAdd(x, b2, c22);
                if (V > 3) c23 = TS.MultiplyAdd(x, b3, c23);
            }
            if (R > 3)
            {
                x = TS.LoadBroadcast(a + o3);
                c30 = TS.MultiplyAdd(x, b0, c30);
                if (V > 1) c31 = TS.MultiplyAdd(x, b1, c31);
                if (V > 2) c32 = TS.MultiplyAdd(x, b2, c32);
                if (V > 3) c33 = TS.MultiplyAdd(x, b3, c33);
            }
            if (R > 4)
            {
                x = TS.LoadBroadcast(a + o4);
                c40 = TS.MultiplyAdd(x, b0, c40);
                if (V > 1) c41 = TS.MultiplyAdd(x, b1, c41);
                if (V > 2) c42 = TS.MultiplyAdd(x, b2, c42);
                if (V > 3) c43 = TS.MultiplyAdd(x, b3, c43);
            }
            if (R > 5)
            {
                x = TS.LoadBroadcast(a + o5);
                c50 = TS.MultiplyAdd(x, b0, c50);
                if (V > 1) c51 = TS.MultiplyAdd(x, b1, c51);
                if (V > 2) c52 = TS.MultiplyAdd(x, b2, c52);
                if (V > 3) c53 = TS.MultiplyAdd(x, b3, c53);
            }
            a += aDepth;
        }
        float* q = c;
        TS.Store(c00, q); if (V > 1) TS.Store(c01, q + n); if (V > 2) TS.Store(c02, q + 2 * n); if (V > 3) TS.Store(c03, q + 3 * n);
        if (R > 1) { q += cRow; TS.Store(c10, q); if (V > 1) TS.Store(c11, q + n); if (V > 2) TS.Store(c12, q + 2 * n); if (V > 3) TS.Store(c13, q + 3 * n); }
        if (R > 2) { q += cRow; TS.Store(c20, q); if (V > 1) TS.Store(c21, q + n); if (V > 2) TS.Store(c22, q + 2 * n); if (V > 3) TS.Store(c23, q + 3 * n); }
        if (R > 3) { q += cRow; TS.Store(c30, q); if (V > 1) TS.Store(c31, q + n); if (V > 2) TS.Store(c32, q + 2 * n); if (V > 3) TS.Store(c33, q + 3 * n); }
        if (R > 4) { q += cRow; TS.Store(c40, q); if (V > 1) TS.Store(c41, q + n); if (V > 2) TS.Store(c42, q + 2 * n); if (V > 3) TS.Store(c43, q + 3 * n); }
        if (R > 5) { q += cRow; TS.Store(c50, q); if (V > 1) TS.Store(c51, q + n); if (V > 2) TS.Store(c52, q + 2 * n); if (V > 3) TS.Store(c53, q + 3 * n); }
    }
}
