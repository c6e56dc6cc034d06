using Mrh.Presets;

namespace Mrh.Mri;

/// <summary>How the log-linear tensor fit weighs the images.</summary>
public enum TensorFitMethod
{
    /// <summary>Ordinary least squares on the log signals (dipy's 'LS'/'OLS').</summary>
    Ols,
    /// <summary>
    /// Weighted least squares on the log signals with weights equal to the squared signal predicted by
    /// the previous fit, starting from OLS (dipy's 'WLS' with one iteration; MRtrix's dwi2tensor default
    /// is the same with two iterations).
    /// </summary>
    Wls,
}

/// <summary>
/// Settings of <see cref="TensorModel"/>. Defaults: OLS; signals floored at 1e-6 of the voxel's mean b0
/// signal before the log; negative eigenvalues set to 0; shells are b-values within 100 s/mm^2;
/// all cores.
/// </summary>
public sealed record TensorFitOptions
{
    /// <summary>OLS (default) or WLS.</summary>
    public TensorFitMethod Method { get; init; } = TensorFitMethod.Ols;

    /// <summary>Number of WLS passes (each re-weighted by the previous prediction); 1 = dipy, 2 = MRtrix.</summary>
    public int WlsIterations { get; init; } = 1;

    /// <summary>
    /// The log needs positive signals. Every signal that is below <c>SignalFloor x (mean of the voxel's
    /// positive b0 signals)</c>, or not a finite number (0, negative, NaN, infinity), is replaced by that
    /// floor before the log. Relative, so the maps do not change when the data are scaled. Voxels
    /// without any positive b0 signal are not fitted (all maps 0).
    /// </summary>
    public double SignalFloor { get; init; } = 1e-6;

    /// <summary>Eigenvalues below this (mm^2/s) are raised to it before FA/MD/AD/RD (0: negative -> 0, as dipy).</summary>
    public double MinDiffusivity { get; init; }

    /// <summary>b-values (s/mm^2) closer than this to their sorted neighbour belong to one shell.</summary>
    public double ShellTolerance { get; init; } = 100;

    /// <summary>Threads used by <see cref="TensorModel.Fit"/> (-1: all cores).</summary>
    public int MaxThreads { get; init; } = -1;

    /// <summary>The default options (OLS).</summary>
    public static TensorFitOptions Default { get; } = new();

    /// <summary>The fit does not depend on the preset: every preset uses the defaults.</summary>
    public static TensorFitOptions For(Preset preset) => Default;

    internal void Validate()
    {
        if (!Enum.IsDefined(Method)) throw new MrhException($"unknown tensor fit method {(int)Method}");
        if (WlsIterations < 1 || WlsIterations > 20) throw new MrhException($"WLS iterations must be between 1 and 20, got {WlsIterations}");
        if (!(SignalFloor > 0) || SignalFloor >= 1) throw new MrhException($"the signal floor must be in (0, 1), got {SignalFloor}");
        if (!double.IsFinite(MinDiffusivity) || MinDiffusivity < 0) throw new MrhException($"the minimum diffusivity must be finite and >= 0, got {MinDiffusivity}");
        if (!(ShellTolerance > 0) || double.IsInfinity(ShellTolerance)) throw new MrhException($"the shell tolerance must be a positive number of s/mm^2, got {ShellTolerance}");
        if (MaxThreads == 0 || MaxThreads < -1) throw new MrhException($"threads must be -1 (all) or >= 1, got {MaxThreads}");
    }
}
