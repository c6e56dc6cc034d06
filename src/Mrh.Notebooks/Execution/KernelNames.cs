namespace Mrh.Notebooks.Execution;

/// <summary>Names of the .NET Interactive kernels as they appear in metadata and in <c>#!</c> selectors.</summary>
public static class KernelNames
{
    /// <summary>The C# kernel's name in metadata.</summary>
    public const string CSharp = "csharp";

    /// <summary>The names and aliases of the C# kernel.</summary>
    public static bool IsCSharp(string name) => name is "csharp" or "c#" or "C#" or "CSharp" or "Csharp";

    /// <summary>True when the cell's first line is a <c>#!csharp</c> (or alias) selector.</summary>
    public static bool SelectsCSharp(string source)
    {
        string first = source.TrimStart().Split('\n', 2)[0].Trim();
        return first.StartsWith("#!", StringComparison.Ordinal) && IsCSharp(first[2..].Trim());
    }
}
