using Mrh.IO;
using System.IO.Compression;

namespace Mrh.Phantom;

/// <summary>
/// A minimal PNG writer (8-bit RGB or greyscale, no interlacing): IHDR, one zlib-compressed IDAT with
/// the best of the five PNG row filters per row, IEND; CRC-32 per chunk as the PNG specification defines it.
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
            using (var z = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                int stride = width * channels;
                var filtered = new byte[stride];
                var best = new byte[stride];
                for (int r = 0; r < height; r++)
                {
                    // per row, the filter (none, sub, up, average, Paeth) with the smallest sum of |residual|
                    int bestType = 0;
                    long bestCost = long.MaxValue;
                    for (int type = 0; type <= 4; type++)
                    {
                        long cost = Filter(pixels, r, stride, channels, type, filtered);
                        if (cost < bestCost) { bestCost = cost; bestType = type; (best, filtered) = (filtered, best); }
                    }
                    z.WriteByte((byte)bestType);
                    z.Write(best, 0, stride);
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

    /// <summary>Applies PNG filter <paramref name="type"/> to row <paramref name="r"/>; returns the sum of |residual| (as signed bytes).</summary>
    static long Filter(byte[] px, int r, int stride, int bpp, int type, byte[] output)
    {
        int row = r * stride, prev = row - stride;
        long cost = 0;
        for (int i = 0; i < stride; i++)
        {
            int x = px[row + i];
            int a = i >= bpp ? px[row + i - bpp] : 0;
            int b = r > 0 ? px[prev + i] : 0;
            int c = i >= bpp && r > 0 ? px[prev + i - bpp] : 0;
            int predictor = type switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                _ => Paeth(a, b, c),
            };
            byte v = (byte)(x - predictor);
            output[i] = v;
            int signed = (sbyte)v;
            cost += signed < 0 ? -signed : signed;
        }
        return cost;
    }

    static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
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
