using System.Numerics;
using Mrh.Data;
using Mrh.Imaging;

namespace Mrh.Phantom;

/// <summary>
/// The ex vivo MRI forward model. Per voxel, water sits in compartments: intra-axonal (dispersed sticks
/// along the fibre), dendrites of the neuropil (sticks with the voxel's orientation, in grey matter),
/// extra-axonal (dispersed zeppelins whose radial diffusivity falls with axon packing, and whose
/// diffusivity rises with OGSE frequency where cell bodies pack it), cell bodies (restricted spheres:
/// apparent diffusivity rises with OGSE frequency), myelin water (short T2) and free fluid. Relaxation (T1, T2 rising
/// with myelin, iron, cells) weights each compartment by the sequence's TE/TR; MT saturates a bound pool
/// that follows myelin, the iron-like confounder and axons. Every protocol image is a closed-form sum over
/// compartments; then scanner gain per series, blur to the acquisition's point-spread function, and Rician
/// noise. Channels come out in protocol order with protocol names.
/// </summary>
public static class MriSimulator
{
    /// <summary>Diffusivity assigned to myelin water (nearly immobile), µm²/ms.</summary>
    const double MyelinWaterDiffusivity = 0.05;

    /// <summary>Simulates all images of <paramref name="protocol"/> for one animal. Deterministic for a seed.</summary>
    public static Volume Simulate(Microstructure m, Protocol protocol, PhantomConfig config, ulong seed)
    {
        if (protocol.Count == 0) throw new ArgumentException("the protocol has no images");
        var grid = m.Grid;
        var tp = config.Tissue;
        var acq = config.Acquisition;
        int n = grid.VoxelCount, nc = protocol.Count;
        var plan = Plan.For(protocol, acq, tp);
        var rng = new Rng(Seeds.Derive(seed, "gain"));
        double gainDiffusion = Math.Exp(acq.GainLogSd * rng.NextGaussian());
        double gainT2 = Math.Exp(acq.GainLogSd * rng.NextGaussian());
        double gainMt = Math.Exp(acq.GainLogSd * rng.NextGaussian());
        var gains = new double[nc];
        var sigma = new double[nc];
        var reference = ReferenceSignals(tp, acq);
        for (int c = 0; c < nc; c++)
        {
            var kind = protocol[c].Kind;
            (gains[c], sigma[c]) = kind switch
            {
                ChannelKind.T2W => (gainT2, reference.T2w / acq.SnrT2w),
                ChannelKind.MtOn or ChannelKind.MtOff => (gainMt, reference.MtOff / acq.SnrMt),
                ChannelKind.B0 or ChannelKind.Dwi => (gainDiffusion, reference.B0 / acq.SnrB0),
                _ => throw new MrhException($"the phantom cannot simulate image '{protocol[c].Name}' of kind {kind}"),
            };
            gains[c] *= acq.ScannerScale;
            sigma[c] *= gains[c];
        }
        var output = new float[nc][];
        for (int c = 0; c < nc; c++) output[c] = new float[n];

        // The acquisition's point-spread function (k-space truncation, FWHM PsfFwhmVoxels acquired voxels) beyond what
        // the grid's own voxel averaging already gives: on the quick grid (the acquired 0.1 mm) a Gaussian of ~0.4 voxel
        // SD, on the paper's finer grid more; none on the coarse smoke grid, whose voxels are wider than the PSF.
        double psfMm = acq.PsfFwhmVoxels * acq.AcquisitionResolution / 2.3548;
        double blurMm = Math.Sqrt(Math.Max(psfMm * psfMm - grid.Spacing * grid.Spacing / 12, 0));
        bool blur = blurMm > 0.05 * grid.Spacing;
        bool inlineNoise = acq.AddNoise && !blur;
        int nx = grid.NX, ny = grid.NY, nz = grid.NZ;
        Parallel.For(0, nz, () => new VoxelWork(plan), (z, _, work) =>
        {
            var noise = inlineNoise ? new Rng(Seeds.Derive(seed, "noise", z)) : null;
            for (int y = 0; y < ny; y++)
                for (int x = 0; x < nx; x++)
                {
                    int i = (z * ny + y) * nx + x;
                    work.Voxel(m, i, tp, acq);
                    for (int c = 0; c < nc; c++)
                    {
                        double s = work.Signal[c] * gains[c];
                        if (noise is not null)
                        {
                            double re = s + sigma[c] * noise.NextGaussian(), im = sigma[c] * noise.NextGaussian();
                            s = Math.Sqrt(re * re + im * im);
                        }
                        output[c][i] = (float)s;
                    }
                }
            return work;
        }, _ => { });

        if (blur)
        {
            // Blur the signal to the acquisition point-spread function, then add complex noise that lives on the
            // acquisition grid: white on the acquired grid itself (truncation does not correlate noise), interpolated
            // and so spatially correlated like the real data's on a finer grid.
            var kernel = GaussianBlur.Kernel(blurMm / grid.Spacing);
            var scratch = new float[n];
            var noiseGrid = acq.AddNoise ? new AcquisitionNoise(grid, acq.AcquisitionResolution) : null;
            for (int c = 0; c < nc; c++)
            {
                GaussianBlur.Apply(output[c], nx, ny, nz, kernel, scratch);
                noiseGrid?.AddRician(output[c], sigma[c], Seeds.Derive(seed, "noise", c));
            }
        }
        return grid.CreateVolume(output, protocol.Names);
    }

    /// <summary>Signals (unit gain, before the scanner scale) of a typical mid-cortical voxel: the noise reference.</summary>
    public static (double B0, double T2w, double MtOff) ReferenceSignals(TissueParameters tp, MriAcquisition acq)
    {
        var cortex = TissueClass.Cortex(0.5f, 0.1f);
        var v = new TissueCompartments(1, 0, cortex.Axon, cortex.Myelin, cortex.Cell, cortex.Iron, 1, tp);
        return (v.Weight(acq.DwiEchoTime, acq.DwiRepetitionTime, tp).Total, v.Weight(acq.T2wEchoTime, acq.T2wRepetitionTime, tp).Total,
            v.Weight(acq.MtEchoTime, acq.MtRepetitionTime, tp).Total);
    }

    /// <summary>The protocol reorganised for speed: diffusion images grouped into shells sharing b and waveform.</summary>
    sealed class Plan
    {
        public int Channels;
        public ChannelKind[] Kind = [];
        public int[] Shell = [];           // shell index per diffusion image, -1 otherwise
        public double[] Bx = [], By = [], Bz = [];
        public double[] ShellB = [];        // ms/µm²
        public double[] ShellDisorder = []; // per shell: sqrt(OGSE frequency / 100 Hz), 0 for PGSE
        public double[][] SomaTable = [];   // per shell: apparent soma diffusivity on a radius grid
        public const double RadiusMin = 1, RadiusMax = 12;
        public const int RadiusSteps = 221;

        public static Plan For(Protocol protocol, MriAcquisition acq, TissueParameters tp)
        {
            var p = new Plan { Channels = protocol.Count };
            p.Kind = protocol.Channels.Select(c => c.Kind).ToArray();
            p.Shell = new int[p.Channels];
            p.Bx = new double[p.Channels]; p.By = new double[p.Channels]; p.Bz = new double[p.Channels];
            var keys = new List<(double B, double F)>();
            for (int c = 0; c < p.Channels; c++)
            {
                var ch = protocol[c];
                p.Shell[c] = -1;
                if (!ch.IsDiffusion) continue;
                double b = ch.Kind == ChannelKind.B0 ? 0 : ch.BValue / 1000.0;
                double f = b == 0 ? 0 : ch.OgseFrequencyHz;
                int k = keys.IndexOf((b, f));
                if (k < 0) { keys.Add((b, f)); k = keys.Count - 1; }
                p.Shell[c] = k;
                if (b > 0)
                {
                    var d = ch.Direction ?? throw new MrhException($"diffusion image '{ch.Name}' has no gradient direction");
                    double len = Math.Sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                    if (!(len > 0)) throw new MrhException($"diffusion image '{ch.Name}' has a zero gradient direction");
                    p.Bx[c] = d[0] / len; p.By[c] = d[1] / len; p.Bz[c] = d[2] / len;
                }
            }
            p.ShellB = keys.Select(k => k.B).ToArray();
            p.ShellDisorder = keys.Select(k => Math.Sqrt(k.F / 100.0)).ToArray();
            p.SomaTable = keys.Select(k =>
            {
                var t = new double[RadiusSteps];
                for (int i = 0; i < RadiusSteps; i++)
                {
                    double r = RadiusMin + (RadiusMax - RadiusMin) * i / (RadiusSteps - 1);
                    t[i] = RestrictedDiffusion.Soma(r, tp.SomaDiffusivity, k.F, acq.GradientDuration, acq.GradientSeparation);
                }
                return t;
            }).ToArray();
            return p;
        }

        public double Soma(int shell, double radius)
        {
            double x = (Math.Clamp(radius, RadiusMin, RadiusMax) - RadiusMin) / (RadiusMax - RadiusMin) * (RadiusSteps - 1);
            int i = Math.Min((int)x, RadiusSteps - 2);
            double f = x - i;
            var t = SomaTable[shell];
            return t[i] * (1 - f) + t[i + 1] * f;
        }
    }

    /// <summary>Per-thread scratch space and the per-voxel signal computation.</summary>
    sealed class VoxelWork(Plan plan)
    {
        public readonly double[] Signal = new double[plan.Channels];
        readonly double[] _poly = new double[plan.ShellB.Length * FibreResponse.Terms];
        readonly double[] _moments = new double[FibreResponse.Terms];

        public void Voxel(Microstructure m, int i, TissueParameters tp, MriAcquisition acq)
        {
            double inside = m.Inside[i];
            if (inside <= 0) { Array.Clear(Signal); return; }
            var v = new TissueCompartments(inside, m.Csf[i], m.Axon[i], m.Myelin[i], m.Cell[i], m.Iron[i], m.R2Factor[i], tp);
            double f = m.DiffusivityFactor[i];
            double dAx = tp.IntraAxonalDiffusivity * f;
            double myelination = Math.Clamp(v.ConcMyelin / Math.Max(v.ConcAxon, 0.05), 0, 1);
            double dAxPerp = tp.UnmyelinatedAxonRadialDiffusivity * (1 - myelination) * f;
            double dEx = tp.ExtraAxonalDiffusivity * f;
            double hindrance = Math.Clamp(tp.ExtraHindranceBase + tp.ExtraHindrancePerAxon * v.ConcAxon + tp.ExtraHindrancePerMyelin * v.ConcMyelin, 0, 0.9);
            double dExPerp = dEx * (1 - hindrance);
            double dFree = tp.FreeWaterDiffusivity;
            double radius = m.SomaRadius[i];
            var dwi = v.Weight(acq.DwiEchoTime, acq.DwiRepetitionTime, tp);
            double tissueE = v.TissueWater > 0 ? dwi.Tissue / v.TissueWater : 0;
            FibreResponse.WatsonMoments(m.Tau[i], _moments);
            Array.Clear(_poly);
            int terms = FibreResponse.Terms;
            for (int s = 0; s < plan.ShellB.Length; s++)
            {
                var poly = _poly.AsSpan(s * terms, terms);
                double b = plan.ShellB[s];
                FibreResponse.AddCompartment(poly, v.Ax * tissueE, b, dAx, dAxPerp, _moments);
                FibreResponse.AddCompartment(poly, v.De * tissueE, b, dAx, 0, _moments);
                double disorder = 1 + tp.ExtraCellularDispersionPerCell * v.ConcCell * plan.ShellDisorder[s];
                FibreResponse.AddCompartment(poly, v.Ex * tissueE, b, dEx * disorder, dExPerp * disorder, _moments);
                poly[0] += v.So * tissueE * Math.Exp(-b * plan.Soma(s, radius) * f)
                         + dwi.Myelin * Math.Exp(-b * MyelinWaterDiffusivity)
                         + dwi.Fluid * Math.Exp(-b * dFree);
            }
            double fx = m.FibreX[i], fy = m.FibreY[i], fz = m.FibreZ[i];
            for (int c = 0; c < plan.Channels; c++)
            {
                switch (plan.Kind[c])
                {
                    case ChannelKind.B0:
                    case ChannelKind.Dwi:
                        double t = plan.Bx[c] * fx + plan.By[c] * fy + plan.Bz[c] * fz;
                        Signal[c] = FibreResponse.Evaluate(_poly.AsSpan(plan.Shell[c] * terms, terms), t * t);
                        break;
                    case ChannelKind.T2W:
                        Signal[c] = v.Weight(acq.T2wEchoTime, acq.T2wRepetitionTime, tp).Total;
                        break;
                    case ChannelKind.MtOff:
                        Signal[c] = v.Weight(acq.MtEchoTime, acq.MtRepetitionTime, tp).Total;
                        break;
                    case ChannelKind.MtOn:
                        var w = v.Weight(acq.MtEchoTime, acq.MtRepetitionTime, tp);
                        double pool = (tp.BoundPoolBase + tp.BoundPoolPerMyelin * v.ConcMyelin + tp.BoundPoolPerIron * v.ConcIron + tp.BoundPoolPerAxon * v.ConcAxon) * m.MtFactor;
                        double r1PerSecond = v.R1 * 1000;
                        double mtr = pool * tp.MtSaturationRate / (pool * tp.MtSaturationRate + r1PerSecond);
                        Signal[c] = (w.Tissue + w.Myelin) * (1 - mtr) + w.Fluid;
                        break;
                }
            }
        }
    }
}
