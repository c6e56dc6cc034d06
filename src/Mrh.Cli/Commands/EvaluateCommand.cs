using System.Globalization;
using Mrh.Analysis;
using Mrh.Cli.Framework;
using Mrh.Imaging;

namespace Mrh.Cli.Commands;

/// <summary>`mrh evaluate`: RMSE, SSIM, R^2 and ROC of a predicted map against its reference.</summary>
public sealed class EvaluateCommand : CliCommand
{
    public override string Name => "evaluate";
    public override string Summary => "compare a predicted map with its reference: RMSE, SSIM, R^2 (+p), ROC AUC and thresholds";
    public override string Details =>
        """
        Compares channel 0 of the two volumes (same grid) as the paper does: RMSE, R^2 of the voxel-wise
        linear fit (p from the t distribution) and ROC inside the mask (read by the one mask rule: non-zero
        and not NaN is inside); SSIM (Wang et al. 2004, 11x11
        Gaussian window, sigma 1.5, L = range of the reference) averaged over the sections of --plane that
        meet the mask. The structures ROC looks for are the reference's voxels at or below its Otsu
        threshold (--positive low: hypo-intense, e.g. AF) or above it (--positive high: NF, MBP, Nissl);
        the optimal threshold of the prediction maximises Youden's J. NaN or infinite values in the sections
        that are evaluated (those that meet the mask) are refused with their count: mask them out first.

        example: mrh evaluate --pred mrh_af.nii.gz --ref af_reference.nii.gz --mask brain.nii.gz --positive low
        """;
    public override IReadOnlyList<OptionSpec> Options =>
    [
        new("pred", "predicted map (NIfTI, Analyze or NRRD)", ValueName: "FILE"),
        new("ref", "reference map on the same grid", ValueName: "FILE"),
        new("mask", "region to evaluate (non-zero inside; default: every voxel)", ValueName: "FILE"),
        new("positive", "low (hypo-intense structures, default) or high (hyper-intense)", ValueName: "low|high"),
        new("plane", "sections for SSIM: coronal (default), horizontal or sagittal", ValueName: "PLANE"),
        new("json", "print the numbers as JSON", false),
    ];

    public override int Run(ParsedArgs args, CliContext context)
    {
        string predPath = args.Require("pred"), refPath = args.Require("ref");
        string? maskPath = args.Get("mask");
        var positive = (args.Get("positive") ?? "low").ToLowerInvariant() switch
        {
            "low" => Polarity.Low,
            "high" => Polarity.High,
            var other => throw new UsageException($"--positive expects low or high, got '{other}'"),
        };
        var plane = ParsePlane(args.Get("plane") ?? "coronal");

        var prediction = VolumeFile.Read(predPath);
        var reference = VolumeFile.Read(refPath);
        var mask = maskPath is null ? null : VolumeFile.Read(maskPath);
        if (!prediction.SameGrid(reference))
            throw new MrhException($"{predPath} ({prediction.NX}x{prediction.NY}x{prediction.NZ}) and {refPath} ({reference.NX}x{reference.NY}x{reference.NZ}) are not on the same grid");
        if (mask is not null && !mask.SameGrid(reference))
            throw new MrhException($"mask {maskPath} ({mask.NX}x{mask.NY}x{mask.NZ}) is not on the grid of {refPath} ({reference.NX}x{reference.NY}x{reference.NZ})");

        EvaluationResult result;
        try
        {
            result = Evaluation.Run(prediction, reference, mask, new EvaluationOptions(positive, plane));
        }
        catch (MrhException e)
        {
            throw new MrhException($"cannot evaluate {predPath} against {refPath}: {e.Message}");
        }

        var summary = Summarize(result, plane);
        if (args.Flag("json")) context.Out.WriteLine(Json.Serialize(summary));
        else Print(summary, context.Out);
        return CommandLine.Ok;
    }

    static AnatomicalPlane ParsePlane(string text) => text.ToLowerInvariant() switch
    {
        "coronal" => AnatomicalPlane.Coronal,
        "horizontal" or "axial" => AnatomicalPlane.Horizontal,
        "sagittal" => AnatomicalPlane.Sagittal,
        _ => throw new UsageException($"--plane expects coronal, horizontal or sagittal, got '{text}'"),
    };

    /// <summary>The flat record that `--json` prints.</summary>
    public sealed record EvaluationSummary(long Voxels, double Rmse, double Ssim, string SsimPlane, int SsimSections,
        double SsimDataRange, double RSquared, double RSquaredPValue, double Slope, double Intercept, double Auc, string Positive,
        double ReferenceThreshold, double OptimalThreshold, double OptimalTruePositiveRate, double OptimalFalsePositiveRate);

    static EvaluationSummary Summarize(EvaluationResult r, AnatomicalPlane plane) => new(
        r.Voxels, r.Rmse, r.Ssim.Mean, plane.ToString().ToLowerInvariant(), r.Ssim.PerSection.Length, r.Ssim.DataRange,
        r.Fit.RSquared, r.Fit.PValue, r.Fit.Slope, r.Fit.Intercept, r.Roc.Auc, r.Roc.Positive == Polarity.Low ? "low" : "high",
        r.Roc.ReferenceThreshold, r.Roc.Optimal.Threshold, r.Roc.Optimal.TruePositiveRate, r.Roc.Optimal.FalsePositiveRate);

    static void Print(EvaluationSummary s, TextWriter w)
    {
        var c = CultureInfo.InvariantCulture;
        string p = s.RSquaredPValue < 1e-300 ? "p < 1e-300" : string.Create(c, $"p = {s.RSquaredPValue:G3}");
        string rule = s.Positive == "low" ? "<=" : ">";
        string predRule = s.Positive == "low" ? "<=" : ">=";
        w.WriteLine(string.Create(c, $"voxels      {s.Voxels}"));
        w.WriteLine(string.Create(c, $"RMSE        {s.Rmse:G6}"));
        w.WriteLine(string.Create(c, $"SSIM        {s.Ssim:F4}  ({s.SsimSections} {s.SsimPlane} sections, L = {s.SsimDataRange:G6})"));
        w.WriteLine(string.Create(c, $"R^2         {s.RSquared:F4}  ({p}; prediction = {s.Slope:G4} x reference + {s.Intercept:G4})"));
        w.WriteLine(string.Create(c, $"AUC         {s.Auc:F4}  (positive: reference {rule} {s.ReferenceThreshold:G6}, Otsu)"));
        w.WriteLine(string.Create(c, $"threshold   prediction {predRule} {s.OptimalThreshold:G6}  (Youden: TPR {s.OptimalTruePositiveRate:F3}, FPR {s.OptimalFalsePositiveRate:F3})"));
    }
}
