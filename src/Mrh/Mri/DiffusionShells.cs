using System.Globalization;
using Mrh.Data;

namespace Mrh.Mri;

/// <summary>
/// Splits a multi-shell diffusion series into single-shell sub-protocols, one tensor fit each.
/// Diffusion-weighted images are grouped by b-value: sorted b-values closer than the tolerance
/// (100 s/mm^2 by default) to their neighbour form one shell. The b0 images are shared: every shell
/// gets all of them, except that in a <see cref="Protocol"/> whose b0 channels belong to the same
/// <see cref="ProtocolChannel.Group"/> as a shell's images (the authors' data: each series "DWI-low",
/// "DWI-high" is a separate scan with its own two b0s) a shell gets the b0s of its own group. In a
/// protocol, images with different OGSE frequencies are different shells ("b700" for PGSE,
/// "b700_ogse50", ...). Shells come in increasing (frequency, b-value) order.
/// </summary>
public static class DiffusionShells
{
    /// <summary>Shells of a gradient table (all b0 entries shared by every shell).</summary>
    public static IReadOnlyList<DiffusionShell> Split(GradientTable table, double tolerance = 100)
    {
        ArgumentNullException.ThrowIfNull(table);
        CheckTolerance(tolerance);
        var b0 = table.B0Indices;
        var dwi = table.DwiIndices;
        var shells = new List<DiffusionShell>();
        var clusters = ClusterByValue(dwi, i => table.BValue(i), tolerance);
        var names = ShellNames(clusters.Select(c => (c.Mean, 0.0)).ToList());
        for (int s = 0; s < clusters.Count; s++)
        {
            var channels = b0.Concat(clusters[s].Members).Order().ToArray();
            shells.Add(new DiffusionShell(names[s], clusters[s].Mean, 0, channels, table.Count, table.Select(channels)));
        }
        return shells;
    }

    /// <summary>Shells of a protocol's diffusion channels (see the class remarks for the b0 rule).</summary>
    public static IReadOnlyList<DiffusionShell> Split(Protocol protocol, double tolerance = 100,
        double b0Threshold = GradientTable.DefaultB0Threshold)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        CheckTolerance(tolerance);
        if (!protocol.Channels.Any(c => c.IsDiffusion)) return [];
        var table = GradientTable.FromProtocol(protocol, out var channels, b0Threshold);
        // k: entry of the table; channels[k]: its protocol index
        var b0 = Enumerable.Range(0, table.Count).Where(table.IsB0).ToArray();
        var dwi = Enumerable.Range(0, table.Count).Where(k => !table.IsB0(k)).ToArray();
        var byFrequency = dwi.GroupBy(k => Math.Round(protocol[channels[k]].OgseFrequencyHz, 3)).OrderBy(g => g.Key);
        var found = new List<(double Frequency, Cluster Cluster)>();
        foreach (var group in byFrequency)
            foreach (var c in ClusterByValue(group.ToArray(), k => table.BValue(k), tolerance))
                found.Add((group.Key, c));
        var names = ShellNames(found.Select(f => (f.Cluster.Mean, f.Frequency)).ToList());
        var shells = new List<DiffusionShell>();
        for (int s = 0; s < found.Count; s++)
        {
            var members = found[s].Cluster.Members;
            var groups = members.Select(k => protocol[channels[k]].Group).Where(g => g.Length > 0).ToHashSet();
            var own = b0.Where(k => groups.Contains(protocol[channels[k]].Group)).ToArray();
            var entries = (own.Length > 0 ? own : b0).Concat(members).Order().ToArray();
            shells.Add(new DiffusionShell(names[s], found[s].Cluster.Mean, found[s].Frequency,
                entries.Select(k => channels[k]).ToArray(), protocol.Count, table.Select(entries)));
        }
        return shells;
    }

    internal sealed record Cluster(int[] Members, double Mean);

    /// <summary>Groups indices by value: sorted values closer than the tolerance to their neighbour join one group.</summary>
    internal static List<Cluster> ClusterByValue(IReadOnlyList<int> indices, Func<int, double> value, double tolerance)
    {
        var sorted = indices.OrderBy(value).ThenBy(i => i).ToArray();
        var clusters = new List<Cluster>();
        int start = 0;
        for (int i = 1; i <= sorted.Length; i++)
        {
            if (i < sorted.Length && value(sorted[i]) - value(sorted[i - 1]) <= tolerance) continue;
            if (i > start)
            {
                var members = sorted[start..i].Order().ToArray();
                clusters.Add(new Cluster(members, members.Average(value)));
            }
            start = i;
        }
        return clusters;
    }

    /// <summary>
    /// "b" + the b-value rounded to a multiple of 50 (of 10 below 500 s/mm^2), "_ogse" + frequency for
    /// OGSE; exact b-values if rounding would give two shells one name.
    /// </summary>
    static string[] ShellNames(List<(double B, double Frequency)> shells)
    {
        static string Name(double b, double f, bool exact)
        {
            double step = exact ? 1 : b < 500 ? 10 : 50;
            string name = "b" + (Math.Round(b / step) * step).ToString("0", CultureInfo.InvariantCulture);
            return f == 0 ? name : name + "_ogse" + f.ToString("0.###", CultureInfo.InvariantCulture);
        }
        var names = shells.Select(s => Name(s.B, s.Frequency, false)).ToArray();
        if (names.Distinct().Count() != names.Length) names = shells.Select(s => Name(s.B, s.Frequency, true)).ToArray();
        for (int i = 0; i < names.Length; i++)
            if (Array.IndexOf(names, names[i]) != i) names[i] += "_" + (i + 1).ToString(CultureInfo.InvariantCulture);
        return names;
    }

    static void CheckTolerance(double tolerance)
    {
        if (!(tolerance > 0) || double.IsInfinity(tolerance))
            throw new MrhException($"the shell tolerance must be a positive number of s/mm^2, got {tolerance}");
    }
}
