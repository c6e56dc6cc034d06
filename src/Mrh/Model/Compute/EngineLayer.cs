namespace Mrh.Model.Compute;

/// <summary>
/// One convolution of the V3Res network as the Winograd engine runs it: channels in and out (and padded
/// to whole 16-float vectors), whether a ReLU follows, and which earlier layer's output is added before
/// that ReLU (-1: none). A residual sum is only ever used through its ReLU (the next block starts with
/// one, and so does the head), so each stored output is the ReLU'd value.
/// </summary>
readonly record struct EngineLayer(int Index, string Name, int In, int Out, bool Relu, int Residual)
{
    public int InPadded => Pad(In);
    public int OutPadded => Pad(Out);

    public static int Pad(int channels) => (channels + 15) & ~15;

    /// <summary>The layers of <see cref="MrhNetwork"/> in forward order (see its documentation).</summary>
    public static EngineLayer[] For(NetworkConfig config)
    {
        var list = new List<EngineLayer>();
        int w = config.Width;
        void Add(string name, int i, int o, bool relu, int residual) => list.Add(new(list.Count, name, i, o, relu, residual));
        Add("conv1", config.InputChannels, w, true, -1);
        Add("conv2", w, w, true, -1);
        Add("conv3", w, w, true, -1);
        Add("conv3_1", w, w, true, 1);
        for (int b = 1; b <= config.Blocks; b++)
        {
            Add($"res{b:00}a", w, w, true, -1);
            Add($"res{b:00}b", w, w, true, list.Count - 2);
        }
        Add("conv4", w, w, true, -1);
        Add("conv5", w, 1, false, -1);
        // back-propagation rotates three gradient buffers: it relies on residuals coming from two layers back
        foreach (var l in list)
            if (l.Residual != -1 && l.Residual != l.Index - 2) throw new InvalidOperationException("residual source must be two layers back");
        return list.ToArray();
    }
}
