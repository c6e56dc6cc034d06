using System.Runtime.InteropServices;

namespace Mrh.Model.Compute;

/// <summary>
/// A block of unmanaged, 64-byte aligned floats (one cache line, one 512-bit vector) for the SIMD kernels:
/// never moved by the garbage collector, so kernels work on raw pointers. Zeroed on allocation.
/// </summary>
sealed unsafe class NativeFloats : IDisposable
{
    float* _pointer;

    public NativeFloats(long length)
    {
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length));
        Length = length;
        nuint bytes = (nuint)Math.Max(1, length) * sizeof(float);
        _pointer = (float*)NativeMemory.AlignedAlloc(bytes, 64);
        NativeMemory.Clear(_pointer, bytes);
        GC.AddMemoryPressure((long)bytes);
    }

    public long Length { get; }

    public float* Pointer => _pointer != null ? _pointer : throw new ObjectDisposedException(nameof(NativeFloats));

    public Span<float> AsSpan() => new(Pointer, checked((int)Length));

    public void Clear() => NativeMemory.Clear(Pointer, (nuint)Length * sizeof(float));

    public void Dispose()
    {
        if (_pointer == null) return;
        NativeMemory.AlignedFree(_pointer);
        _pointer = null;
        GC.RemoveMemoryPressure(Math.Max(1, Length) * sizeof(float));
        GC.SuppressFinalize(this);
    }

    ~NativeFloats() => Dispose();
}
