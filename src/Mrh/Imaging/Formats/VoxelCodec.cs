using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Mrh.Imaging.Formats;

/// <summary>
/// Converts runs of stored voxels (bytes of one type and byte order) to floats and back, over spans,
/// applying the linear scaling <c>value = stored * slope + intercept</c> in double precision.
/// </summary>
static class VoxelCodec
{
    /// <summary>Largest integer that every float holds exactly (2^24).</summary>
    public const double FloatExactLimit = 16777216;

    /// <summary>
    /// Decodes <paramref name="src"/> (whose bytes are byte-swapped in place when the file's order is not
    /// the machine's) into <paramref name="dst"/>. Returns false if a uint32 value exceeds 2^24 and so
    /// has no exact float.
    /// </summary>
    public static bool Decode(Span<byte> src, Span<float> dst, VoxelType type, bool bigEndian, double slope, double intercept)
    {
        int n = dst.Length;
        if (src.Length != n * type.Size()) throw new ArgumentException("source and destination lengths disagree");
        if (bigEndian == BitConverter.IsLittleEndian) SwapInPlace(src, type);
        bool unscaled = slope == 1 && intercept == 0;
        switch (type)
        {
            case VoxelType.Float32:
                MemoryMarshal.Cast<byte, float>(src).CopyTo(dst);
                if (!unscaled) for (int i = 0; i < n; i++) dst[i] = (float)(dst[i] * slope + intercept);
                return true;
            case VoxelType.UInt8:
                if (unscaled) for (int i = 0; i < n; i++) dst[i] = src[i];
                else Scale(src, dst, slope, intercept);
                return true;
            case VoxelType.Int8:
                if (unscaled) for (int i = 0; i < n; i++) dst[i] = (sbyte)src[i];
                else Scale(MemoryMarshal.Cast<byte, sbyte>(src), dst, slope, intercept);
                return true;
            case VoxelType.Int16:
                {
                    var s = MemoryMarshal.Cast<byte, short>(src);
                    if (unscaled) for (int i = 0; i < n; i++) dst[i] = s[i];
                    else Scale(s, dst, slope, intercept);
                    return true;
                }
            case VoxelType.UInt16:
                {
                    var s = MemoryMarshal.Cast<byte, ushort>(src);
                    if (unscaled) for (int i = 0; i < n; i++) dst[i] = s[i];
                    else Scale(s, dst, slope, intercept);
                    return true;
                }
            case VoxelType.Int32:
                {
                    var s = MemoryMarshal.Cast<byte, int>(src);
                    for (int i = 0; i < n; i++) dst[i] = (float)(s[i] * slope + intercept);
                    return true;
                }
            case VoxelType.UInt32:
                {
                    var s = MemoryMarshal.Cast<byte, uint>(src);
                    bool exact = true;
                    for (int i = 0; i < n; i++)
                    {
                        if (s[i] > FloatExactLimit) exact = false;
                        dst[i] = (float)(s[i] * slope + intercept);
                    }
                    return exact;
                }
            case VoxelType.Float64:
                {
                    var s = MemoryMarshal.Cast<byte, double>(src);
                    if (unscaled) for (int i = 0; i < n; i++) dst[i] = (float)s[i]; // keeps -0
                    else for (int i = 0; i < n; i++) dst[i] = (float)(s[i] * slope + intercept);
                    return true;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
    }

    // one overload per integer type: no boxing, the loops stay tight
    static void Scale(ReadOnlySpan<byte> s, Span<float> dst, double slope, double intercept)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = (float)(s[i] * slope + intercept);
    }

    static void Scale(ReadOnlySpan<sbyte> s, Span<float> dst, double slope, double intercept)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = (float)(s[i] * slope + intercept);
    }

    static void Scale(ReadOnlySpan<short> s, Span<float> dst, double slope, double intercept)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = (float)(s[i] * slope + intercept);
    }

    static void Scale(ReadOnlySpan<ushort> s, Span<float> dst, double slope, double intercept)
    {
        for (int i = 0; i < dst.Length; i++) dst[i] = (float)(s[i] * slope + intercept);
    }

    /// <summary>
    /// Encodes floats as stored values: <c>stored = (value - intercept) / slope</c>, rounded to the
    /// nearest integer (ties away from zero) and clamped for integer types.
    /// </summary>
    public static void Encode(ReadOnlySpan<float> src, Span<byte> dst, VoxelType type, bool bigEndian, double slope, double intercept)
    {
        int n = src.Length;
        if (dst.Length != n * type.Size()) throw new ArgumentException("source and destination lengths disagree");
        bool unscaled = slope == 1 && intercept == 0;
        switch (type)
        {
            case VoxelType.Float32:
                if (unscaled) MemoryMarshal.AsBytes(src).CopyTo(dst);
                else
                {
                    var d = MemoryMarshal.Cast<byte, float>(dst);
                    for (int i = 0; i < n; i++) d[i] = (float)((src[i] - intercept) / slope);
                }
                break;
            case VoxelType.Float64:
                {
                    var d = MemoryMarshal.Cast<byte, double>(dst);
                    for (int i = 0; i < n; i++) d[i] = unscaled ? src[i] : (src[i] - intercept) / slope;
                    break;
                }
            case VoxelType.UInt8:
                for (int i = 0; i < n; i++) dst[i] = (byte)Quantise(src[i], slope, intercept, 0, byte.MaxValue);
                break;
            case VoxelType.Int8:
                {
                    var d = MemoryMarshal.Cast<byte, sbyte>(dst);
                    for (int i = 0; i < n; i++) d[i] = (sbyte)Quantise(src[i], slope, intercept, sbyte.MinValue, sbyte.MaxValue);
                    break;
                }
            case VoxelType.Int16:
                {
                    var d = MemoryMarshal.Cast<byte, short>(dst);
                    for (int i = 0; i < n; i++) d[i] = (short)Quantise(src[i], slope, intercept, short.MinValue, short.MaxValue);
                    break;
                }
            case VoxelType.UInt16:
                {
                    var d = MemoryMarshal.Cast<byte, ushort>(dst);
                    for (int i = 0; i < n; i++) d[i] = (ushort)Quantise(src[i], slope, intercept, 0, ushort.MaxValue);
                    break;
                }
            case VoxelType.Int32:
                {
                    var d = MemoryMarshal.Cast<byte, int>(dst);
                    for (int i = 0; i < n; i++) d[i] = (int)Quantise(src[i], slope, intercept, int.MinValue, int.MaxValue);
                    break;
                }
            case VoxelType.UInt32:
                {
                    var d = MemoryMarshal.Cast<byte, uint>(dst);
                    for (int i = 0; i < n; i++) d[i] = (uint)Quantise(src[i], slope, intercept, 0, uint.MaxValue);
                    break;
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(type));
        }
        if (bigEndian == BitConverter.IsLittleEndian) SwapInPlace(dst, type);
    }

    static double Quantise(float v, double slope, double intercept, double min, double max)
    {
        double s = Math.Round((v - intercept) / slope, MidpointRounding.AwayFromZero);
        return s < min ? min : s > max ? max : s;
    }

    /// <summary>Reverses the byte order of every value in place (vectorised by the runtime).</summary>
    public static void SwapInPlace(Span<byte> data, VoxelType type)
    {
        switch (type.Size())
        {
            case 2:
                var s = MemoryMarshal.Cast<byte, short>(data);
                BinaryPrimitives.ReverseEndianness(s, s);
                break;
            case 4:
                var i = MemoryMarshal.Cast<byte, int>(data);
                BinaryPrimitives.ReverseEndianness(i, i);
                break;
            case 8:
                var l = MemoryMarshal.Cast<byte, long>(data);
                BinaryPrimitives.ReverseEndianness(l, l);
                break;
        }
    }
}
