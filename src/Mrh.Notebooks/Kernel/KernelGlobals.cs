using Mrh.Notebooks.Execution;

namespace Mrh.Notebooks.Kernel;

/// <summary>
/// The functions a notebook cell can call without qualification, as in the .NET Interactive C# kernel
/// (<c>using static Microsoft.DotNet.Interactive.Kernel</c>): <c>display(x)</c> and <c>HTML(s)</c>.
/// Public only because Roslyn scripting requires a public globals type.
/// </summary>
public sealed class KernelGlobals
{
    internal KernelGlobals() { }

    /// <summary>
    /// Shows <paramref name="value"/> as a <c>display_data</c> output of the running cell and returns a handle whose
    /// <see cref="DisplayedValue.Update"/> replaces what is shown. With <paramref name="mimeTypes"/>, only those
    /// representations are produced (a string is taken as already being in each of them).
    /// </summary>
#pragma warning disable IDE1006 // the kernel's name is lower case
    public DisplayedValue display(object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);
#pragma warning restore IDE1006

    /// <summary>Marks <paramref name="content"/> as HTML, so that it is shown as <c>text/html</c>.</summary>
    public HtmlString HTML(string content) => new(content);
}
