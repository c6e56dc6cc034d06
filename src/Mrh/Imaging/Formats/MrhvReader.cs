using System.Buffers.Binary;
using System.Text.Json;

namespace Mrh.Imaging.Formats;

/// <summary>
/// The header of the phantom's own volume file (".mrhv", written by <c>Mrh.Phantom.RawVolumeFile</c>): the 8 bytes
/// "MRHRAW01", a little-endian int32 header length, a UTF-8 JSON header (dimensions, spacing, affine, channel
/// names, axes), then float32 little-endian voxels, channel after channel, x fastest. Parsed into an
/// <see cref="ImageLayout"/> like every other format, so <see cref="VolumeFile"/> (and `mrh volume info|convert`)
/// reads it too; the channel names and axes, which other formats do not carry, come with it.
/// </summary>
static class MrhvReader
{
    public const string Extension = ".mrhv";
    public static ReadOnlySpan<byte> Magic => "MRHRAW01"u8;
    const int MaxHeaderBytes = 1 << 20;

    /// <summary>The JSON header as written.</summary>
    public sealed record Header(int Nx, int Ny, int Nz, int Channels, double[] Spacing, double[] Affine, string[] ChannelNames, int[] Axes, string DataType);

    /// <summary>The layout, channel names and axes of a .mrhv file; a one-line <see cref="MrhException"/> naming the file otherwise.</summary>
    public static (ImageLayout Layout, string[] ChannelNames, AnatomicalAxes Axes) ReadLayout(string path)
    {
        try
        {
            using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            Span<byte> magic = stackalloc byte[8];
            if (s.ReadAtLeast(magic, 8, throwOnEndOfStream: false) != 8 || !magic.SequenceEqual(Magic)) throw Bad(path, "not an MRH raw volume (bad magic)");
            Span<byte> lenBytes = stackalloc byte[4];
            if (s.ReadAtLeast(lenBytes, 4, throwOnEndOfStream: false) != 4) throw Bad(path, "truncated header");
            int len = BinaryPrimitives.ReadInt32LittleEndian(lenBytes);
            if (len <= 0 || len > MaxHeaderBytes) throw Bad(path, $"header length {len} out of range");
            var json = new byte[len];
            s.ReadExactly(json);
            var h = JsonSerializer.Deserialize<Header>(json) ?? throw Bad(path, "empty header");
            if (h.Nx <= 0 || h.Ny <= 0 || h.Nz <= 0 || h.Channels <= 0) throw Bad(path, "non-positive dimensions");
            if (h.DataType != "float32") throw Bad(path, $"unsupported data type '{h.DataType}'");
            if (h.Spacing is not { Length: 3 } || h.Affine is not { Length: 16 } || h.ChannelNames?.Length != h.Channels || h.Axes is not { Length: 3 })
                throw Bad(path, "incomplete header");
            var layout = new ImageLayout
            {
                Format = "MRH raw (.mrhv)",
                NX = h.Nx, NY = h.Ny, NZ = h.Nz, Channels = h.Channels,
                Type = VoxelType.Float32, BigEndian = false,
                Spacing = h.Spacing, Affine = h.Affine, AffineSource = "header",
                DataPath = path, DataOffset = 12 + len, ExactLength = true,
            };
            return (layout, h.ChannelNames, new AnatomicalAxes(h.Axes[0], h.Axes[1], h.Axes[2]));
        }
        catch (MrhException) { throw; }
        catch (Exception e) when (e is IOException or JsonException or ArgumentException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new MrhException($"{path}: cannot read MRH raw volume ({e.Message.Split('\n')[0].Trim()})", e);
        }
    }

    static MrhException Bad(string path, string what) => new($"{path}: {what}");
}
