using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Mrh.Model;

/// <summary>Seeded weight initialisation (TorchSharp's own init functions take no generator).</summary>
static class WeightInitializer
{
    public static void Initialize(Conv2d conv, WeightInit init, Generator gen)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var w = conv.weight!;
        long rows = w.shape[0], cols = w.shape[1] * w.shape[2] * w.shape[3];
        Tensor values = init switch
        {
            WeightInit.Orthogonal => Orthogonal(rows, cols, gen),
            WeightInit.He => randn([rows, cols], generator: gen) * Math.Sqrt(2.0 / cols),
            _ => throw new ArgumentOutOfRangeException(nameof(init)),
        };
        w.copy_(values.reshape(w.shape));
        conv.bias?.zero_();
    }

    /// <summary>
    /// A rows x cols matrix with orthonormal rows (rows &lt;= cols) or columns (rows &gt; cols): Q of the QR
    /// decomposition of a standard normal matrix, with signs fixed by diag(R) so that Q is uniformly
    /// distributed (MATLAB's 'orthogonal' initialiser, gain 1).
    /// </summary>
    static Tensor Orthogonal(long rows, long cols, Generator gen)
    {
        bool wide = rows < cols;
        long m = wide ? cols : rows, n = wide ? rows : cols;
        var z = randn([m, n], dtype: ScalarType.Float64, generator: gen);
        var (q, r) = linalg.qr(z);
        var d = r.diagonal().sign();
        d = where(d == 0, ones_like(d), d);
        q = q * d.unsqueeze(0);
        var result = wide ? q.t() : q;
        return result.to_type(ScalarType.Float32).contiguous();
    }
}
