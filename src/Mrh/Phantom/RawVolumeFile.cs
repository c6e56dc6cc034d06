using Mrh.IO;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Mrh.Imaging;
using Mrh.Imaging.Formats;

namespace Mrh.Phantom;

/// <summary>
/// The phantom's own simple volume file (".mrhv"): the 8 bytes "MRHRAW01", a little-endian int32 header
/// length, a UTF-8 JSON header (dimensions, spacing, affine, channel names, axes), then float32
/// little-endian voxels, channel after channel, x fastest. Used by the disk cache and `mrh phantom`'s default
/// format; written atomically. Read by <see cref="VolumeFile"/> like every other format (so `mrh volume info` and
/// `mrh volume convert` read it), whose header parser is <see cref="Imaging.Formats.MrhvReader"/>.
/// </summary>
public static class RawVolumeFile
{
    public const string Extension = MrhvReader.Extension;

    public static void Write(Volume volume, string path)
    {
        var header = new MrhvReader.Header(volume.NX, volume.NY, volume.NZ, volume.ChannelCount, volume.Spacing, volume.Affine, volume.ChannelNames,
            [volume.Axes.LeftRight, volume.Axes.DorsalVentral, volume.Axes.AnteriorPosterior], "float32");
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        AtomicFile.Write(path, s =>
        {
            s.Write(MrhvReader.Magic);
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
        if (!path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase)) throw new MrhException($"{path}: not an MRH raw volume (the name does not end in {Extension})");
        return VolumeFile.Read(path);
    }
}
