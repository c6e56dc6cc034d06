namespace Mrh.Data;

/// <summary>What an MRI image (one input channel) is.</summary>
public enum ChannelKind
{
    /// <summary>Non-diffusion-weighted image of a diffusion series.</summary>
    B0,
    /// <summary>Diffusion-weighted image (PGSE when the OGSE frequency is 0).</summary>
    Dwi,
    /// <summary>T2-weighted RARE image.</summary>
    T2W,
    /// <summary>MT-weighted image (off-resonance saturation on), Mt.</summary>
    MtOn,
    /// <summary>MT baseline image (saturation off), M0.</summary>
    MtOff,
    /// <summary>Anything else (a new contrast being tested).</summary>
    Other,
}
