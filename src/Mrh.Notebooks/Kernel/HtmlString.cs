namespace Mrh.Notebooks.Kernel;

/// <summary>A string that is HTML: shown as <c>text/html</c> (what the kernel's <c>HTML("...")</c> returns).</summary>
public sealed record HtmlString(string Html)
{
    /// <inheritdoc />
    public override string ToString() => Html;
}
