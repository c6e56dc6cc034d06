namespace Mrh.Experiments;

/// <summary>
/// Fig. 4C in a number: how well two categories of points are separated in a 2D embedding. Each point of
/// either category looks at its <c>k</c> nearest neighbours among the points of the two categories; the score
/// is the fraction of those neighbours that share its category. Well-separated clusters score 1; points placed
/// without regard to category score about <see cref="Chance"/>.
/// </summary>
public sealed record EmbeddingSeparation(string First, string Second, int K, double Agreement, double Chance, int Points)
{
    public static EmbeddingSeparation Compute(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<string> categories,
        string first, string second, int k = 10)
    {
        if (x.Count != y.Count || x.Count != categories.Count) throw new MrhException("x, y and categories must have the same length");
        var idx = Enumerable.Range(0, x.Count).Where(i => categories[i] == first || categories[i] == second).ToArray();
        int n1 = idx.Count(i => categories[i] == first), n2 = idx.Length - n1;
        if (n1 == 0 || n2 == 0) throw new MrhException($"the embedding needs points of both '{first}' and '{second}' (has {n1} and {n2})");
        int kk = Math.Min(k, idx.Length - 1);
        long same = 0;
        var d = new double[idx.Length];
        var order = new int[idx.Length];
        foreach (int i in idx)
        {
            for (int j = 0; j < idx.Length; j++)
            {
                double dx = x[idx[j]] - x[i], dy = y[idx[j]] - y[i];
                d[j] = idx[j] == i ? double.PositiveInfinity : dx * dx + dy * dy;
                order[j] = j;
            }
            Array.Sort((double[])d.Clone(), order);
            for (int m = 0; m < kk; m++) if (categories[idx[order[m]]] == categories[i]) same++;
        }
        // a point's neighbours drawn at random from the other points: (n_c - 1) / (n - 1) of them share its category
        double n = idx.Length;
        double chance = (n1 * (n1 - 1.0) + n2 * (n2 - 1.0)) / (n * (n - 1));
        return new EmbeddingSeparation(first, second, kk, same / (double)(idx.Length * kk), chance, idx.Length);
    }
}
