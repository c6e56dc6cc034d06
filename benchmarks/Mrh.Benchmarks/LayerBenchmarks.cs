using BenchmarkDotNet.Attributes;
using Mrh.Model.Compute;
using Mrh.Runtime;
using static TorchSharp.torch;

namespace Mrh.Benchmarks;

/// <summary>
/// One hidden layer of the paper's network (64 -> 64 channels, 3 x 3 'same' convolution, bias, ReLU) on
/// 4096 patches of 3 x 3, three ways: libtorch's Conv2d, the exact dense matrix form (each patch's
/// 9 x 64 values times a 576 x 576 matrix built from the kernel), and the Winograd engine's kernels
/// (25 products of [64 patches x 64] by [64 x 64] per tile, then the fused output/next-input transform).
/// Single-threaded, so the numbers compare the algorithms rather than the thread pools. The Winograd kernels
/// run at every vector width this machine supports (<see cref="Width"/>; the others ignore it).
/// </summary>
[MemoryDiagnoser]
public unsafe class LayerBenchmarks
{
    const int N = 4096, C = 64, Tile = 64;
    Tensor _x = null!, _weight = null!, _bias = null!, _dense = null!, _denseBias = null!, _flat = null!;
    NativeFloats _u = null!, _w = null!, _m = null!, _next = null!, _b = null!;
    TileKernels _kernels = null!;
    static readonly long Plane = TileKernels.PlaneStride(Tile, C);  // the engine's distance between a tile's planes

    [ParamsSource(nameof(Widths))]
    public EngineWidth Width { get; set; }

    public static IEnumerable<EngineWidth> Widths => EngineWidths.Supported;

    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureInitialized();
        set_num_threads(1);
        _kernels = TileKernels.For(Width);
        var gen = new Generator(1);
        _x = randn(N, C, 3, 3, generator: gen);
        _weight = randn(C, C, 3, 3, generator: gen) * 0.05;
        _bias = randn(C, generator: gen) * 0.1;
        // dense form: D[q * C + i, p * C + o] = w[o, i, ky, kx] where input pixel q = output pixel p + (ky - 1, kx - 1)
        _dense = zeros(9 * C, 9 * C);
        for (int pr = 0; pr < 3; pr++)
            for (int pc = 0; pc < 3; pc++)
                for (int ky = 0; ky < 3; ky++)
                    for (int kx = 0; kx < 3; kx++)
                    {
                        int qr = pr + ky - 1, qc = pc + kx - 1;
                        if (qr < 0 || qr > 2 || qc < 0 || qc > 2) continue;
                        _dense.narrow(0, (qr * 3 + qc) * C, C).narrow(1, (pr * 3 + pc) * C, C).copy_(_weight[.., .., ky, kx].t());
                    }
        _denseBias = _bias.repeat(9);
        _flat = _x.reshape(N, C, 9).permute(0, 2, 1).reshape(N, 9 * C).contiguous();
        // Winograd: point-domain weights [25][64][64] and one tile's point-domain input [25][64][64]
        _u = new NativeFloats(25L * Plane);
        _m = new NativeFloats(25L * Plane);
        _next = new NativeFloats(25L * Plane);
        _w = new NativeFloats(25L * C * C);
        _b = new NativeFloats(C);
        var rng = new Random(2);
        foreach (var buffer in new[] { _u, _w })
        {
            var s = buffer.AsSpan();
            for (int i = 0; i < s.Length; i++) s[i] = (float)(rng.NextDouble() - 0.5);
        }
    }

    [Benchmark(Baseline = true, Description = "libtorch Conv2d")]
    public void Conv2d()
    {
        using var scope = NewDisposeScope();
        nn.functional.relu(nn.functional.conv2d(_x, _weight, _bias, padding: [1, 1]));
    }

    [Benchmark(Description = "dense 576x576 matrix form (libtorch mm)")]
    public void DenseMatrix()
    {
        using var scope = NewDisposeScope();
        addmm(_denseBias, _flat, _dense, 1, 1).relu_();
    }

    [Benchmark(Description = "Winograd engine kernels")]
    public void Winograd()
    {
        for (int tile = 0; tile < N / Tile; tile++)
        {
            for (int t = 0; t < 25; t++)
                _kernels.Multiply(Tile, C, C, _u.Pointer + t * Plane, C, 1, _w.Pointer + t * C * C, C, _m.Pointer + t * Plane, C, false);
            _kernels.Activate(Tile, C, _m.Pointer, _b.Pointer, null, true, null, _next.Pointer);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var b in new[] { _u, _w, _m, _next, _b }) b.Dispose();
    }
}
