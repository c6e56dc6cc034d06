namespace Mrh.Tests.Kernel;

/// <summary>
/// The Plotly figures each notebook draws (one per figure call in its cells): the one list both the kernel tests
/// and the reproduce smoke test check against. A new notebook, or a new chart in one, is added here.
/// </summary>
public static class NotebookFigures
{
    public static readonly IReadOnlyDictionary<string, int> Expected = new Dictionary<string, int>
    {
        ["00-tour"] = 4,
        ["01-training-size"] = 8,
        ["02-contributions"] = 6,
        ["03-nf-mbp-transfer"] = 25,
        ["04-nissl-ogse"] = 7,
        ["05-supplementary"] = 9,
        ["06-new-contrast"] = 7,
    };
}
