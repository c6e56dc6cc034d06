using Mrh.IO;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Mrh.Imaging;

namespace Mrh.Phantom;

/// <summary>
/// The phantom's own simple volume file (".mrhv"): the 8 bytes "MRHRAW01", a little-endian int32 header
/// length, a UTF-8 JSON header (dimensions, spacing, affine, channel names, axes), then float32
/// little-endian voxels, channel after channel, x fastest. Used by the disk cache; written atomically.
/// </summary>
public static class RawVolumeFile
{
    public const string Extension = ".mrhv";
    static readonly byte[] Magic = "MRHRAW01"u8.ToArray();
    const int MaxHeaderBytes = 1 << 20;

    sealed record Header(int Nx, int Ny, int Nz, int Channels, double[] Spacing, double[] Affine, string[] ChannelNames, int[] Axes, string DataType);

    public static void Write(Volume volume, string path)
    {
        var header = new Header(volume.NX, volume.NY, volume.NZ, volume.ChannelCount, volume.Spacing, volume.Affine, volume.ChannelNames,
            [volume.Axes.LeftRight, volume.Axes.DorsalVentral, volume.Axes.AnteriorPosterior], "float32");
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        AtomicFile.Write(path, s =>
        {
            s.Write(Magic);
            Span<byte> len = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(len, json.Length);
            s.Write(len);
            s.Write(json);
            var b = new byte[4];
            foreach (var channel in volume.Channels)
            {
                if (BitConverter.IsLittleEndian) s.Write(MemoryMarshal.AsBytes(channel.AsSpan()));
                else foreach (var v in channel) { BinaryPrimitives.WriteSingleLittleEndian(b, v); s.Write(b); }
            }
        });
    }

    /// <summary>Reads a file written by <see cref="Write"/>; a one-line <see cref="MrhException"/> naming the file otherwise.</summary>
    public static Volume Read(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            var magic = new byte[8];
            if (s.Read(magic) != 8 || !magic.AsSpan().SequenceEqual(Magic)) throw Bad(path, "not an MRH raw volume (bad magic)");
            var lenBytes = new byte[4];
            if (s.Read(lenBytes) != 4) throw Bad(path, "truncated header");
            int len = BinaryPrimitives.ReadInt32LittleEndian(lenBytes);
            if (len <= 0 || len > MaxHeaderBytes) throw Bad(path, $"header length {len} out of range");
            var json = new byte[len];
            s.ReadExactly(json);
            var h = JsonSerializer.Deserialize<Header>(json) ?? throw Bad(path, "empty header");
            if (h.Nx <= 0 || h.Ny <= 0 || h.Nz <= 0 || h.Channels <= 0) throw Bad(path, "non-positive dimensions");
            long voxels = (long)h.Nx * h.Ny * h.Nz;
            if (voxels > Array.MaxLength || voxels * h.Channels > 4L << 30) throw Bad(path, $"implausible size {h.Nx}x{h.Ny}x{h.Nz}x{h.Channels}");
            if (h.DataType != "float32") throw Bad(path, $"unsupported data type '{h.DataType}'");
            long expected = 12 + len + voxels * h.Channels * 4;
            if (s.Length != expected) throw Bad(path, $"file has {s.Length} bytes, expected {expected}");
            if (h.Spacing is not { Length: 3 } || h.Affine is not { Length: 16 } || h.ChannelNames?.Length != h.Channels || h.Axes is not { Length: 3 })
                throw Bad(path, "incomplete header");
            var channels = new float[h.Channels][];
            for (int c = 0; c < h.Channels; c++)
            {
                channels[c] = new float[voxels];
                s.ReadExactly(MemoryMarshal.AsBytes(channels[c].AsSpan()));
                if (!BitConverter.IsLittleEndian)
                    for (int i = 0; i < channels[c].Length; i++)
                        channels[c][i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReverseEndianness(BitConverter.SingleToInt32Bits(channels[c][i])));
            }
            return new Volume(h.Nx, h.Ny, h.Nz, channels, h.Spacing, h.Affine, h.ChannelNames, new AnatomicalAxes(h.Axes[0], h.Axes[1], h.Axes[2]));
        }
        catch (MrhException) { throw; }
        catch (Exception e) when (e is IOException or JsonException or ArgumentException or EndOfStreamException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new MrhException($"{path}: cannot read MRH raw volume ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    static MrhException Bad(string path, string what) => new($"{path}: {what}");
}
