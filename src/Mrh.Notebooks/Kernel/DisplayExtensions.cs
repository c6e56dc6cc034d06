namespace Mrh.Notebooks.Kernel;

/// <summary><c>x.Display()</c>, as the kernel offers it on every object.</summary>
public static class DisplayExtensions
{
    /// <summary>Same as <c>display(value, mimeTypes)</c>.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) => DisplayedValue.Show(value, mimeTypes);
}
