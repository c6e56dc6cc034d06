using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Mrh.Model.Compute;

/// <summary>
/// The two-dimensional Winograd transforms with every value in a register: a 3 x 3 grid expanded to
/// 5 x 5 (input transform, output adjoint, kernel transform) or a 5 x 5 grid reduced to 3 x 3 (output
/// transform, input adjoint, kernel adjoint), each the one-dimensional transform along the rows and then
/// along the columns. The one-dimensional transform is a type parameter, so the JIT inlines it and no
/// intermediate touches memory. Grids are read from and written to planes: value (r, c) of a grid of
/// side s lives at <c>base + (r * s + c) * plane</c>. Generic over the vector width (<see cref="ISimd{TV}"/>).
/// </summary>
static unsafe class GridTransforms<TS, V>
    where TS : struct, ISimd<V>
    where V : struct
{
    /// <summary>A 3 -> 5 transform.</summary>
    public interface IExpand { static abstract void Apply(V x0, V x1, V x2, out V u0, out V u1, out V u2, out V u3, out V u4); }
    /// <summary>A 5 -> 3 transform.</summary>
    public interface IReduce { static abstract void Apply(V u0, V u1, V u2, V u3, V u4, out V x0, out V x1, out V x2); }

    /// <summary>B x: the input transform.</summary>
    public struct Input : IExpand
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(V x0, V x1, V x2, out V u0, out V u1, out V u2, out V u3, out V u4)
        {
            var e = TS.Add(x0, x2);
            var f = TS.MultiplyAdd(x2, TS.Broadcast(4f), x0);
            var g = TS.Add(x1, x1);
            u0 = x0; u1 = TS.Add(e, x1); u2 = TS.Subtract(e, x1); u3 = TS.Add(f, g); u4 = TS.Subtract(f, g);
        }
    }

    /// <summary>A^T d: the adjoint of the output transform.</summary>
    public struct OutputAdjoint : IExpand
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(V d0, V d1, V d2, out V m0, out V m1, out V m2, out V m3, out V m4)
        {
            var p = TS.Multiply(d1, TS.Broadcast(4f));
            var q = TS.MultiplyAdd(d0, TS.Broadcast(4f), TS.Negate(d2));
            var s = TS.Multiply(TS.Subtract(d2, d0), TS.Broadcast(2f));
            m0 = d1; m1 = TS.Add(p, q); m2 = TS.Subtract(p, q); m3 = TS.Subtract(s, d1); m4 = TS.Subtract(TS.Negate(d1), s);
        }
    }

    /// <summary>G w: the kernel transform.</summary>
    public struct Kernel : IExpand
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(V w0, V w1, V w2, out V k0, out V k1, out V k2, out V k3, out V k4)
        {
            var e = TS.Multiply(TS.Add(w0, w2), TS.Broadcast(1f / 6));
            var f = TS.Multiply(w1, TS.Broadcast(1f / 6));
            var g = TS.MultiplyAdd(w0, TS.Broadcast(1f / 6), TS.Multiply(w2, TS.Broadcast(1f / 24)));
            var h = TS.Multiply(w1, TS.Broadcast(1f / 12));
            k0 = TS.Multiply(w2, TS.Broadcast(-1.25f)); k1 = TS.Add(e, f); k2 = TS.Subtract(e, f); k3 = TS.Add(g, h); k4 = TS.Subtract(g, h);
        }
    }

    /// <summary>A m: the output transform.</summary>
    public struct Output : IReduce
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(V m0, V m1, V m2, V m3, V m4, out V y0, out V y1, out V y2)
        {
            var d12 = TS.Subtract(m1, m2); var s12 = TS.Add(m1, m2); var d34 = TS.Subtract(m3, m4); var s34 = TS.Add(m3, m4);
            y0 = TS.MultiplyAdd(d12, TS.Broadcast(4f), TS.Negate(TS.Add(d34, d34)));
            y1 = TS.MultiplyAdd(s12, TS.Broadcast(4f), TS.Subtract(m0, s34));
            y2 = TS.MultiplyAdd(d34, TS.Broadcast(2f), TS.Negate(d12));
        }
    }

    /// <summary>B^T u: the adjoint of the input transform.</summary>
    public struct InputAdjoint : IReduce
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(V u0, V u1, V u2, V u3, V u4, out V x0, out V x1, out V x2)
        {
            var s12 = TS.Add(u1, u2); var d12 = TS.Subtract(u1, u2); var s34 = TS.Add(u3, u4); var d34 = TS.Subtract(u3, u4);
            x0 = TS.Add(TS.Add(u0, s12), s34);
            x1 = TS.MultiplyAdd(d34, TS.Broadcast(2f), d12);
            x2 = TS.MultiplyAdd(s34, TS.Broadcast(4f), s12);
        }
    }

    /// <summary>G^T d: the adjoint of the kernel transform.</summary>
    public struct KernelAdjoint : IReduce
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Apply(V d0, V d1, V d2, V d3, V d4, out V w0, out V w1, out V w2)
        {
            var s12 = TS.Add(d1, d2); var s34 = TS.Add(d3, d4);
            w0 = TS.Multiply(TS.Add(s12, s34), TS.Broadcast(1f / 6));
            w1 = TS.MultiplyAdd(TS.Subtract(d1, d2), TS.Broadcast(1f / 6), TS.Multiply(TS.Subtract(d3, d4), TS.Broadcast(1f / 12)));
            w2 = TS.MultiplyAdd(d0, TS.Broadcast(-1.25f), TS.MultiplyAdd(s12, TS.Broadcast(1f / 6), TS.Multiply(s34, TS.Broadcast(1f / 24))));
        }
    }

    /// <summary>Reads a 5 x 5 grid (25 planes) and reduces it to 3 x 3 (rows first, then columns).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Reduce<TR>(float* src, long plane,
        out V y00, out V y01, out V y02, out V y10, out V y11, out V y12, out V y20, out V y21, out V y22) where TR : struct, IReduce
    {
        float* q = src;
        TR.Apply(TS.Load(q), TS.Load(q + plane), TS.Load(q + 2 * plane), TS.Load(q + 3 * plane), TS.Load(q + 4 * plane), out var g00, out var g01, out var g02);
        q += 5 * plane;
        TR.Apply(TS.Load(q), TS.Load(q + plane), TS.Load(q + 2 * plane), TS.Load(q + 3 * plane), TS.Load(q + 4 * plane), out var g10, out var g11, out var g12);
        q += 5 * plane;
        TR.Apply(TS.Load(q), TS.Load(q + plane), TS.Load(q + 2 * plane), TS.Load(q + 3 * plane), TS.Load(q + 4 * plane), out var g20, out var g21, out var g22);
        q += 5 * plane;
        TR.Apply(TS.Load(q), TS.Load(q + plane), TS.Load(q + 2 * plane), TS.Load(q + 3 * plane), TS.Load(q + 4 * plane), out var g30, out var g31, out var g32);
        q += 5 * plane;
        TR.Apply(TS.Load(q), TS.Load(q + plane), TS.Load(q + 2 * plane), TS.Load(q + 3 * plane), TS.Load(q + 4 * plane), out var g40, out var g41, out var g42);
        TR.Apply(g00, g10, g20, g30, g40, out y00, out y10, out y20);
        TR.Apply(g01, g11, g21, g31, g41, out y01, out y11, out y21);
        TR.Apply(g02, g12, g22, g32, g42, out y02, out y12, out y22);
    }

    /// <summary>Expands a 3 x 3 grid to 5 x 5 (rows first, then columns) and writes it to 25 planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Expand<TX>(V x00, V x01, V x02, V x10, V x11, V x12, V x20, V x21, V x22, float* dst, long plane) where TX : struct, IExpand
    {
        TX.Apply(x00, x01, x02, out var h00, out var h01, out var h02, out var h03, out var h04);
        TX.Apply(x10, x11, x12, out var h10, out var h11, out var h12, out var h13, out var h14);
        TX.Apply(x20, x21, x22, out var h20, out var h21, out var h22, out var h23, out var h24);
        Column<TX>(h00, h10, h20, dst, plane);
        Column<TX>(h01, h11, h21, dst + plane, plane);
        Column<TX>(h02, h12, h22, dst + 2 * plane, plane);
        Column<TX>(h03, h13, h23, dst + 3 * plane, plane);
        Column<TX>(h04, h14, h24, dst + 4 * plane, plane);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Column<TX>(V a, V b, V c, float* dst, long plane) where TX : struct, IExpand
    {
        TX.Apply(a, b, c, out var u0, out var u1, out var u2, out var u3, out var u4);
        TS.Store(u0, dst); TS.Store(u1, dst + 5 * plane); TS.Store(u2, dst + 10 * plane); TS.Store(u3, dst + 15 * plane); TS.Store(u4, dst + 20 * plane);
    }

    /// <summary>Reads a 3 x 3 grid from 9 planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load9(float* src, long plane,
        out V x00, out V x01, out V x02, out V x10, out V x11, out V x12, out V x20, out V x21, out V x22)
    {
        x00 = TS.Load(src); x01 = TS.Load(src + plane); x02 = TS.Load(src + 2 * plane);
        x10 = TS.Load(src + 3 * plane); x11 = TS.Load(src + 4 * plane); x12 = TS.Load(src + 5 * plane);
        x20 = TS.Load(src + 6 * plane); x21 = TS.Load(src + 7 * plane); x22 = TS.Load(src + 8 * plane);
    }

    /// <summary>Writes a 3 x 3 grid to 9 planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store9(float* dst, long plane, V x00, V x01, V x02, V x10, V x11, V x12, V x20, V x21, V x22)
    {
        TS.Store(x00, dst); TS.Store(x01, dst + plane); TS.Store(x02, dst + 2 * plane);
        TS.Store(x10, dst + 3 * plane); TS.Store(x11, dst + 4 * plane); TS.Store(x12, dst + 5 * plane);
        TS.Store(x20, dst + 6 * plane); TS.Store(x21, dst + 7 * plane); TS.Store(x22, dst + 8 * plane);
    }
}
