using BenchmarkDotNet.Attributes;
using Mrh.Imaging;
using Mrh.Model.Compute;
using Mrh.Patches;

namespace Mrh.Benchmarks;

/// <summary>
/// Getting 4096 patches into the network: cutting them out of a 67-channel volume (what whole-volume
/// prediction does for every voxel) and laying them out as the engine's pixel planes and Winograd points.
/// </summary>
[MemoryDiagnoser]
public unsafe class PatchBenchmarks
{
    const int N = 4096, C = 67, Cp = 80;
    Volume _volume = null!;
    PatchGeometry _geometry;
    float[] _buffer = null!;
    NativeFloats _pixels = null!, _points = null!;
    readonly TileKernels _kernels = TileKernels.For(EngineWidths.Best ?? EngineWidth.V128);

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        var channels = Enumerable.Range(0, C).Select(_ => Enumerable.Range(0, 64 * 64 * 8).Select(_ => (float)rng.NextDouble()).ToArray()).ToArray();
        _volume = new Volume(64, 64, 8, channels);
        _geometry = new PatchGeometry(_volume, AnatomicalPlane.Coronal, 3);
        _buffer = new float[N * C * 9];
        _pixels = new NativeFloats(9L * TileKernels.PlaneStride(64, Cp));
        _points = new NativeFloats(25L * TileKernels.PlaneStride(64, Cp));
    }

    [Benchmark(Description = "extract 4096 patches x 67 channels from a volume")]
    public void Extract()
    {
        int n = 0;
        for (int row = 0; row < 64 && n < N; row++)
            for (int col = 0; col < 64 && n < N; col++, n++)
                _geometry.ExtractChannels(_volume.Channels, 4, col, row, _buffer.AsSpan(n * C * 9, C * 9));
    }

    [Benchmark(Description = "to pixel planes and Winograd points (64 tiles of 64)")]
    public void ToPoints()
    {
        fixed (float* x = _buffer)
            for (int tile = 0; tile < N / 64; tile++)
            {
                TileKernels.LoadPatches(x + tile * 64 * C * 9, 64, C, Cp, _pixels.Pointer);
                _kernels.Input(64, Cp, _pixels.Pointer, _points.Pointer);
            }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pixels.Dispose();
        _points.Dispose();
    }
}
