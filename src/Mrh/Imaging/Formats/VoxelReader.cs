using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Mrh.Imaging.Formats;

/// <summary>
/// Reads the voxel bytes that an <see cref="ImageLayout"/> describes into one float array per channel:
/// sizes are checked against the file before anything is allocated, data are read in large blocks and
/// converted over spans (float32 is read straight into the channel arrays).
/// </summary>
static class VoxelReader
{
    const int ChunkValues = 1 << 22;

    /// <summary>
    /// Refuses, without allocating, a layout whose voxels cannot fit in memory or cannot be in the file:
    /// raw data shorter than the header says (or, for pairs, of another length), gzip data too small to
    /// expand to the claimed size, a missing gzip signature.
    /// </summary>
    public static void CheckAvailable(ImageLayout layout)
    {
        string path = layout.DataPath;
        long perChannel = layout.VoxelsPerChannel;
        if (perChannel > Array.MaxLength)
            throw new MrhException($"{path}: {layout.NX} x {layout.NY} x {layout.NZ} voxels per channel is more than one array can hold");
        double floatBytes = (double)perChannel * layout.Channels * sizeof(float);
        if (floatBytes > ReadLimits.MaxFloatBytes)
            throw new MrhException($"{path}: the header describes {Describe(layout)} = {floatBytes / (1L << 30):0.#} GiB as floats, more than the {ReadLimits.MaxFloatBytes >> 30} GiB limit");
        var info = new FileInfo(path);
        if (!info.Exists) throw new MrhException($"{path}: data file not found");
        long length = info.Length;
        long needed = layout.DataBytes;
        if (layout.DataOffset > length)
            throw new MrhException($"{path}: truncated: voxel data should start at byte {layout.DataOffset} but the file has {length} bytes");
        long available = length - layout.DataOffset;
        if (!layout.Gzip)
        {
            if (available < needed)
                throw new MrhException($"{path}: truncated: the header describes {Describe(layout)} = {needed:N0} bytes of voxel data from byte {layout.DataOffset}, but the file holds {available:N0}");
            if (layout.ExactLength && available != needed)
                throw new MrhException($"{path}: size mismatch: the header describes {needed:N0} bytes of voxel data ({Describe(layout)}) from byte {layout.DataOffset}, but the file holds {available:N0}");
            return;
        }
        if ((double)needed + layout.SkipInStream > (double)available * ReadLimits.GzipMaxRatio + 4096)
            throw new MrhException($"{path}: the header describes {needed:N0} bytes of voxel data ({Describe(layout)}), more than {available:N0} bytes of gzip data can hold");
        using var fs = OpenRead(path);
        fs.Position = layout.DataOffset;
        Span<byte> magic = stackalloc byte[2];
        if (fs.ReadAtLeast(magic, 2, throwOnEndOfStream: false) < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
            throw new MrhException($"{path}: not gzip-compressed data (no gzip signature{(layout.DataOffset > 0 ? $" at byte {layout.DataOffset}" : "")})");
    }

    public static float[][] Read(ImageLayout layout)
    {
        CheckAvailable(layout);
        string path = layout.DataPath;
        using var fs = OpenRead(path);
        fs.Position = layout.DataOffset;
        Stream stream = layout.Gzip ? new GZipStream(fs, CompressionMode.Decompress, leaveOpen: true) : fs;
        try
        {
            if (layout.SkipInStream > 0) Skip(stream, layout.SkipInStream, layout);
            return layout.ChannelsFastest && layout.Channels > 1 ? ReadInterleaved(stream, layout) : ReadPlanar(stream, layout);
        }
        catch (InvalidDataException e)
        {
            throw new MrhException($"{path}: corrupt gzip data ({OneLine(e.Message)})", e);
        }
        catch (EndOfStreamException e)
        {
            throw new MrhException($"{path}: truncated: the {(layout.Gzip ? "decompressed " : "")}data end before the {layout.DataBytes:N0} bytes that the header describes ({Describe(layout)})", e);
        }
        finally
        {
            if (layout.Gzip) stream.Dispose();
        }
    }

    static float[][] ReadPlanar(Stream stream, ImageLayout layout)
    {
        int n = (int)layout.VoxelsPerChannel, size = layout.Type.Size();
        var channels = new float[layout.Channels][];
        byte[]? buffer = layout.Type == VoxelType.Float32 ? null : new byte[Math.Min(n, ChunkValues) * size];
        for (int c = 0; c < channels.Length; c++)
        {
            var dst = channels[c] = GC.AllocateUninitializedArray<float>(n); // every value is overwritten (or the read fails)
            if (buffer is null)
            {
                // float32: the file's bytes go straight into the channel array, then are swapped/scaled in place
                var bytes = MemoryMarshal.AsBytes(dst.AsSpan());
                stream.ReadExactly(bytes);
                VoxelCodec.Decode(bytes, dst, layout.Type, layout.BigEndian, layout.Slope, layout.Intercept);
                continue;
            }
            for (int start = 0; start < n; start += ChunkValues)
            {
                int count = Math.Min(ChunkValues, n - start);
                var src = buffer.AsSpan(0, count * size);
                stream.ReadExactly(src);
                if (!VoxelCodec.Decode(src, dst.AsSpan(start, count), layout.Type, layout.BigEndian, layout.Slope, layout.Intercept))
                    throw InexactUInt32(layout);
            }
        }
        return channels;
    }

    static float[][] ReadInterleaved(Stream stream, ImageLayout layout)
    {
        int n = (int)layout.VoxelsPerChannel, nc = layout.Channels, size = layout.Type.Size();
        var channels = new float[nc][];
        for (int c = 0; c < nc; c++) channels[c] = GC.AllocateUninitializedArray<float>(n);
        int voxelsPerChunk = Math.Max(1, ChunkValues / nc);
        var buffer = new byte[Math.Min(n, voxelsPerChunk) * nc * size];
        var values = new float[Math.Min(n, voxelsPerChunk) * nc];
        for (int start = 0; start < n; start += voxelsPerChunk)
        {
            int count = Math.Min(voxelsPerChunk, n - start);
            var src = buffer.AsSpan(0, count * nc * size);
            stream.ReadExactly(src);
            if (!VoxelCodec.Decode(src, values.AsSpan(0, count * nc), layout.Type, layout.BigEndian, layout.Slope, layout.Intercept))
                throw InexactUInt32(layout);
            for (int v = 0; v < count; v++)
                for (int c = 0; c < nc; c++)
                    channels[c][start + v] = values[v * nc + c];
        }
        return channels;
    }

    static void Skip(Stream stream, long count, ImageLayout layout)
    {
        var scratch = new byte[(int)Math.Min(count, 1 << 16)];
        while (count > 0)
        {
            int k = (int)Math.Min(count, scratch.Length);
            stream.ReadExactly(scratch, 0, k);
            count -= k;
        }
    }

    static MrhException InexactUInt32(ImageLayout layout) =>
        new($"{layout.DataPath}: uint32 values above 2^24 = 16,777,216 cannot be held exactly as floats (label files with large ids: renumber the labels first)");

    public static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    public static string Describe(ImageLayout l) =>
        $"{l.NX} x {l.NY} x {l.NZ}{(l.Channels > 1 ? $" x {l.Channels}" : "")} {l.Type.Name()}";

    static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
