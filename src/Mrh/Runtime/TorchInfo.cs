namespace Mrh.Runtime;

/// <summary>What the deep-learning stack is and whether it works (the facts `mrh doctor` shows).</summary>
public sealed record TorchInfo(
    string DotNetVersion,
    string TorchSharpVersion,
    string LibTorchVersion,
    int Threads,
    string Device,
    bool CudaAvailable,
    bool ConvolutionRan,
    double ConvolutionMilliseconds,
    string? Error);
