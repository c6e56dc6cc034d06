namespace Mrh.Imaging.Formats;

/// <summary>
/// Bounds checked before anything is allocated, so that a header that lies about its size is refused
/// instead of exhausting memory.
/// </summary>
static class ReadLimits
{
    /// <summary>
    /// Most bytes that a DEFLATE stream can expand to per compressed byte (the format's maximum ratio is
    /// about 1032:1); a gzip file claiming more is impossible and refused up front.
    /// </summary>
    public const long GzipMaxRatio = 1032;

    /// <summary>Largest volume (all channels, as floats) that a reader will allocate: 32 GiB.</summary>
    public const long MaxFloatBytes = 32L << 30;

    /// <summary>Most header bytes read from a NRRD file before the blank line that ends the header.</summary>
    public const int MaxTextHeaderBytes = 1 << 20;
}
