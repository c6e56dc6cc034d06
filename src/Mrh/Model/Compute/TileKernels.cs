using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Mrh.Model.Compute;

/// <summary>
/// The element-wise work of a layer on one tile of patches, fused so that each activation is read and
/// written once: Winograd output transform, bias, residual, ReLU, the next layer's input transform, and
/// their adjoints for back-propagation. Tile data are planes: 9 pixel planes or 25 point planes, each
/// [rows][cp] with cp (the padded channel count) a multiple of 16, <see cref="PlaneStride"/> floats apart
/// (buffers hold 9 or 25 such strides). The vector
/// kernels exist once per width (<see cref="TileKernels{TS, TV}"/>), chosen once by <see cref="For"/>; the
/// scalar steps (layout, loss) are shared.
/// </summary>
abstract unsafe class TileKernels
{
    protected const int P = WinogradF3.Pixels, T = WinogradF3.Points;

    /// <summary>The kernels of <paramref name="width"/> (which must run natively here: <see cref="EngineWidths.IsSupported"/>).</summary>
    public static TileKernels For(EngineWidth width) => width switch
    {
        EngineWidth.V512 => new TileKernels<Simd512, Vector512<float>>(width),
        EngineWidth.V256 => new TileKernels<Simd256, Vector256<float>>(width),
        EngineWidth.V128 => new TileKernels<Simd128, Vector128<float>>(width),
        _ => throw new ArgumentOutOfRangeException(nameof(width)),
    };

    protected TileKernels(EngineWidth width) => Width = width;

    /// <summary>
    /// Floats from one plane of a [rows][cp] tile to the next: rows x cp rounded up to an odd number of 64-byte
    /// lines. The kernels read or write 25 planes at the same offset; at rows x cp (a multiple of 4 KiB for
    /// tiles of 32 or 64 rows) those 25 lines all fall in one set of the L1 cache (8-12 ways) and evict each
    /// other before the next vector of the same line is used. An odd number of lines puts the 25 in different sets.
    /// Never smaller for fewer rows or channels, so a buffer sized for the largest tile holds every smaller one.
    /// </summary>
    public static long PlaneStride(int rows, int cp)
    {
        long lines = ((long)rows * cp + 15) / 16;
        return 16 * (lines | 1);
    }

    public EngineWidth Width { get; }

    /// <summary>25 point planes from 9 pixel planes (the input transform alone).</summary>
    public abstract void Input(int rows, int cp, float* pixels, float* points);

    /// <summary>
    /// A layer's output from its point-domain product M: y = A M + bias (+ residual), ReLU'd if asked;
    /// y is stored if <paramref name="y"/> is given (it may be the residual buffer itself), and the next
    /// layer's input transform B y is stored if <paramref name="next"/> is given.
    /// </summary>
    public abstract void Activate(int rows, int cp, float* m, float* bias, float* residual, bool relu, float* y, float* next);

    /// <summary>
    /// Back-propagation through a layer's output: ds = dy masked by ReLU (y &gt; 0; no mask if
    /// <paramref name="y"/> is null); ds is written to <paramref name="residualGradient"/> if given (the
    /// residual path, the first contribution to that gradient, so it overwrites), summed into
    /// <paramref name="biasGradient"/> (cp floats, accumulated), and A^T ds is written to the 25 point
    /// planes <paramref name="pointGradient"/>.
    /// </summary>
    public abstract void OutputBackward(int rows, int cp, float* dy, float* y, float* residualGradient, float* biasGradient, float* pointGradient);

    /// <summary>Pixel gradients B^T dU from 25 point-gradient planes, stored or added into <paramref name="dx"/>.</summary>
    public abstract void InputBackward(int rows, int cp, float* du, float* dx, bool accumulate);

    /// <summary>
    /// The centre pixel of the last convolution (one output channel) from its input pixel planes:
    /// bias + sum over pixels and channels of x[p][n][c] w[p][c], for each of the rows.
    /// </summary>
    public abstract void Centre(int rows, int cp, float* x, float* w, float bias, float* output);

    /// <summary>25 point-weight planes from 9 tap planes (the kernel transform), each <paramref name="length"/> floats, <paramref name="plane"/> apart.</summary>
    public abstract void KernelPoints(float* taps, float* points, long length, long plane);

    /// <summary>9 tap-gradient planes from 25 point-gradient planes (the kernel transform's adjoint), each <paramref name="length"/> floats, <paramref name="plane"/> apart.</summary>
    public abstract void KernelGradient(float* points, float* taps, long length, long plane);

    /// <summary>C (=|+=) A B by <see cref="TileGemm{TS, TV}.Multiply"/> at this width.</summary>
    public abstract void Multiply(int rows, int depth, int cols, float* a, long aRow, long aDepth, float* b, long bRow, float* c, long cRow, bool accumulate);

    /// <summary>sum[i] += x[i] for i &lt; length (a multiple of 16).</summary>
    public abstract void AddInto(float* sum, float* x, long length);

    /// <summary>
    /// Patches [rows][channels][9] (the network's NCHW input) to 9 pixel planes [rows][cp], padded
    /// channels zero.
    /// </summary>
    public static void LoadPatches(float* x, int rows, int channels, int cp, float* pixels)
    {
        long ps = PlaneStride(rows, cp);
        for (int n = 0; n < rows; n++)
        {
            float* src = x + (long)n * channels * P;
            float* dst = pixels + (long)n * cp;
            for (int c = 0; c < channels; c++)
                for (int p = 0; p < P; p++) dst[p * ps + c] = src[c * P + p];
            for (int c = channels; c < cp; c++)
                for (int p = 0; p < P; p++) dst[p * ps + c] = 0;
        }
    }

    /// <summary>Channels 0..count-1 of one pixel plane, as [rows][count].</summary>
    public static void CopyPixel(int rows, int cp, float* x, int pixel, int count, float* output)
    {
        long ps = PlaneStride(rows, cp);
        for (int n = 0; n < rows; n++)
            new ReadOnlySpan<float>(x + pixel * ps + (long)n * cp, count).CopyTo(new Span<float>(output + (long)n * count, count));
    }

    /// <summary>
    /// The network output (channel 0 of 9 pixel planes [rows][cp]) as [rows][9], and, with targets
    /// ([rows][9]), the loss summed over pixels and rows and its gradient times <paramref name="scale"/>
    /// written to channel 0 of <paramref name="gradient"/> (other channels zero).
    /// </summary>
    public static double Loss(int rows, int cp, float* output, float* targets, LossKind kind, float scale, float* gradient, float* values)
    {
        long ps = PlaneStride(rows, cp);
        double sum = 0;
        for (int n = 0; n < rows; n++)
            for (int p = 0; p < P; p++)
            {
                float o = output[p * ps + (long)n * cp];
                if (values != null) values[n * P + p] = o;
                if (targets == null) continue;
                float d = o - targets[n * P + p];
                float g;
                if (kind == LossKind.L1) { sum += Math.Abs(d); g = d > 0 ? scale : d < 0 ? -scale : (float.IsNaN(d) ? d : 0f); }
                else { sum += 0.5 * (double)d * d; g = d * scale; }
                if (gradient != null)
                {
                    float* q = gradient + p * ps + (long)n * cp;
                    q[0] = g;
                    for (int c = 1; c < cp; c++) q[c] = 0;
                }
            }
        return sum;
    }
}

/// <summary>The vector kernels of <see cref="TileKernels"/> at one width (see <see cref="ISimd{TV}"/>).</summary>
sealed unsafe class TileKernels<TS, V>(EngineWidth width) : TileKernels(width)
    where TS : struct, ISimd<V>
    where V : struct
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Input(int rows, int cp, float* pixels, float* points)
    {
        long ps = PlaneStride(rows, cp);
        for (long o = 0; o < ps; o += TS.Count)
        {
            GridTransforms<TS, V>.Load9(pixels + o, ps, out var x00, out var x01, out var x02, out var x10, out var x11, out var x12, out var x20, out var x21, out var x22);
            GridTransforms<TS, V>.Expand<GridTransforms<TS, V>.Input>(x00, x01, x02, x10, x11, x12, x20, x21, x22, points + o, ps);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Activate(int rows, int cp, float* m, float* bias, float* residual, bool relu, float* y, float* next)
    {
        long ps = PlaneStride(rows, cp);
        for (int n = 0; n < rows; n++)
            for (int c = 0; c < cp; c += TS.Count)
            {
                long o = (long)n * cp + c;
                GridTransforms<TS, V>.Reduce<GridTransforms<TS, V>.Output>(m + o, ps, out var y00, out var y01, out var y02, out var y10, out var y11, out var y12, out var y20, out var y21, out var y22);
                var b = TS.Load(bias + c);
                y00 = Finish(TS.Add(y00, b), residual, relu, y, o);
                y01 = Finish(TS.Add(y01, b), residual, relu, y, o + ps);
                y02 = Finish(TS.Add(y02, b), residual, relu, y, o + 2 * ps);
                y10 = Finish(TS.Add(y10, b), residual, relu, y, o + 3 * ps);
                y11 = Finish(TS.Add(y11, b), residual, relu, y, o + 4 * ps);
                y12 = Finish(TS.Add(y12, b), residual, relu, y, o + 5 * ps);
                y20 = Finish(TS.Add(y20, b), residual, relu, y, o + 6 * ps);
                y21 = Finish(TS.Add(y21, b), residual, relu, y, o + 7 * ps);
                y22 = Finish(TS.Add(y22, b), residual, relu, y, o + 8 * ps);
                if (next != null)
                    GridTransforms<TS, V>.Expand<GridTransforms<TS, V>.Input>(y00, y01, y02, y10, y11, y12, y20, y21, y22, next + o, ps);
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static V Finish(V z, float* residual, bool relu, float* y, long offset)
    {
        if (residual != null) z = TS.Add(z, TS.Load(residual + offset));
        if (relu) z = TS.Max(z, default);
        if (y != null) TS.Store(z, y + offset);
        return z;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void OutputBackward(int rows, int cp, float* dy, float* y, float* residualGradient, float* biasGradient, float* pointGradient)
    {
        long ps = PlaneStride(rows, cp);
        for (int n = 0; n < rows; n++)
            for (int c = 0; c < cp; c += TS.Count)
            {
                long o = (long)n * cp + c;
                var d00 = Mask(dy, y, residualGradient, o);
                var d01 = Mask(dy, y, residualGradient, o + ps);
                var d02 = Mask(dy, y, residualGradient, o + 2 * ps);
                var d10 = Mask(dy, y, residualGradient, o + 3 * ps);
                var d11 = Mask(dy, y, residualGradient, o + 4 * ps);
                var d12 = Mask(dy, y, residualGradient, o + 5 * ps);
                var d20 = Mask(dy, y, residualGradient, o + 6 * ps);
                var d21 = Mask(dy, y, residualGradient, o + 7 * ps);
                var d22 = Mask(dy, y, residualGradient, o + 8 * ps);
                var sum = TS.Add(TS.Add(TS.Add(TS.Add(d00, d01), TS.Add(d02, d10)), TS.Add(TS.Add(d11, d12), TS.Add(d20, d21))), d22);
                TS.Store(TS.Add(TS.Load(biasGradient + c), sum), biasGradient + c);
                GridTransforms<TS, V>.Expand<GridTransforms<TS, V>.OutputAdjoint>(d00, d01, d02, d10, d11, d12, d20, d21, d22, pointGradient + o, ps);
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static V Mask(float* dy, float* y, float* residualGradient, long offset)
    {
        var g = TS.Load(dy + offset);
        if (y != null) g = TS.WherePositive(TS.Load(y + offset), g);
        if (residualGradient != null) TS.Store(g, residualGradient + offset);
        return g;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void InputBackward(int rows, int cp, float* du, float* dx, bool accumulate)
    {
        long ps = PlaneStride(rows, cp);
        for (long o = 0; o < ps; o += TS.Count)
        {
            GridTransforms<TS, V>.Reduce<GridTransforms<TS, V>.InputAdjoint>(du + o, ps, out var x00, out var x01, out var x02, out var x10, out var x11, out var x12, out var x20, out var x21, out var x22);
            float* q = dx + o;
            if (accumulate)
            {
                GridTransforms<TS, V>.Load9(q, ps, out var a00, out var a01, out var a02, out var a10, out var a11, out var a12, out var a20, out var a21, out var a22);
                x00 = TS.Add(x00, a00); x01 = TS.Add(x01, a01); x02 = TS.Add(x02, a02); x10 = TS.Add(x10, a10); x11 = TS.Add(x11, a11);
                x12 = TS.Add(x12, a12); x20 = TS.Add(x20, a20); x21 = TS.Add(x21, a21); x22 = TS.Add(x22, a22);
            }
            GridTransforms<TS, V>.Store9(q, ps, x00, x01, x02, x10, x11, x12, x20, x21, x22);
        }
    }

    public override void Centre(int rows, int cp, float* x, float* w, float bias, float* output)
    {
        long ps = PlaneStride(rows, cp);
        for (int n = 0; n < rows; n++)
        {
            V acc = default;
            for (int p = 0; p < P; p++)
            {
                float* xp = x + p * ps + (long)n * cp;
                float* wp = w + p * cp;
                for (int c = 0; c < cp; c += TS.Count)
                    acc = TS.MultiplyAdd(TS.Load(xp + c), TS.Load(wp + c), acc);
            }
            output[n] = bias + TS.Sum(acc);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void KernelPoints(float* taps, float* points, long length, long plane)
    {
        for (long o = 0; o < length; o += TS.Count)
        {
            GridTransforms<TS, V>.Load9(taps + o, plane, out var x00, out var x01, out var x02, out var x10, out var x11, out var x12, out var x20, out var x21, out var x22);
            GridTransforms<TS, V>.Expand<GridTransforms<TS, V>.Kernel>(x00, x01, x02, x10, x11, x12, x20, x21, x22, points + o, plane);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void KernelGradient(float* points, float* taps, long length, long plane)
    {
        for (long o = 0; o < length; o += TS.Count)
        {
            GridTransforms<TS, V>.Reduce<GridTransforms<TS, V>.KernelAdjoint>(points + o, plane, out var x00, out var x01, out var x02, out var x10, out var x11, out var x12, out var x20, out var x21, out var x22);
            GridTransforms<TS, V>.Store9(taps + o, plane, x00, x01, x02, x10, x11, x12, x20, x21, x22);
        }
    }

    public override void Multiply(int rows, int depth, int cols, float* a, long aRow, long aDepth, float* b, long bRow, float* c, long cRow, bool accumulate) =>
        TileGemm<TS, V>.Multiply(rows, depth, cols, a, aRow, aDepth, b, bRow, c, cRow, accumulate);

    public override void AddInto(float* sum, float* x, long length)
    {
        for (long i = 0; i < length; i += TS.Count) TS.Store(TS.Add(TS.Load(sum + i), TS.Load(x + i)), sum + i);
    }
}
