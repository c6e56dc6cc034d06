using System.IO.Compression;

namespace Mrh.Phantom;

/// <summary>
/// A minimal PNG writer (8-bit RGB or greyscale, no interlacing): IHDR, one zlib-compressed IDAT with
/// filter type 0 per row, IEND; CRC-32 per chunk as the PNG specification defines it.
/// </summary>
public static class PngEncoder
{
    /// <summary>Encodes <paramref name="pixels"/> (row-major, <paramref name="channels"/> = 1 grey or 3 RGB bytes per pixel).</summary>
    public static byte[] Encode(int width, int height, byte[] pixels, int channels = 3)
    {
        if (width <= 0 || height <= 0) throw new ArgumentException("image size must be positive");
        if (channels is not (1 or 3)) throw new ArgumentException("channels must be 1 (grey) or 3 (RGB)");
        if (pixels.Length != (long)width * height * channels) throw new ArgumentException($"expected {width * height * channels} bytes, got {pixels.Length}");
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8;                                  // bit depth
        header[9] = (byte)(channels == 3 ? 2 : 0);      // colour type: truecolour or greyscale
        WriteChunk(png, "IHDR", header);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            {
                int stride = width * channels;
                for (int r = 0; r < height; r++)
                {
                    z.WriteByte(0); // filter: none
                    z.Write(pixels, r * stride, stride);
                }
            }
            WriteChunk(png, "IDAT", raw.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Writes a PNG file atomically (temporary file, then rename).</summary>
    public static void Write(string path, int width, int height, byte[] pixels, int channels = 3)
    {
        var bytes = Encode(width, height, pixels, channels);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    static void WriteChunk(Stream s, string type, byte[] data)
    {
        var len = new byte[4];
        WriteBigEndian(len, 0, (uint)data.Length);
        s.Write(len);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        uint crc = Crc32(typeBytes, 0xFFFFFFFFu);
        crc = Crc32(data, crc) ^ 0xFFFFFFFFu;
        var c = new byte[4];
        WriteBigEndian(c, 0, crc);
        s.Write(c);
    }

    static void WriteBigEndian(byte[] b, int o, uint v)
    {
        b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v;
    }

    /// <summary>CRC-32 (polynomial 0xEDB88320, reflected) continued from <paramref name="crc"/> (no final xor).</summary>
    public static uint Crc32(ReadOnlySpan<byte> data, uint crc)
    {
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return crc;
    }
}
