namespace Mrh.Notebooks.Execution;

/// <summary>A kernel directive on a line of a cell (1-based <see cref="Line"/>), removed from the code that is compiled.</summary>
public abstract record Directive(int Line, string Text);

/// <summary><c>#!csharp</c>, <c>#!fsharp</c>, ...: the kernel the following code is for.</summary>
public sealed record KernelSelector(int Line, string Text, string KernelName) : Directive(Line, Text)
{
    /// <summary>True for the C# kernel's names and aliases (csharp, c#, C#).</summary>
    public bool IsCSharp => KernelNames.IsCSharp(KernelName);
}

/// <summary><c>#r "nuget: Name, Version"</c> (version optional).</summary>
public sealed record NugetReference(int Line, string Text, string PackageName, string? Version) : Directive(Line, Text);

/// <summary><c>#r "path/to/assembly.dll"</c> (relative to the notebook's folder) or <c>#r "System.Xyz"</c>.</summary>
public sealed record AssemblyReference(int Line, string Text, string Path) : Directive(Line, Text);

/// <summary><c>#i "nuget: source"</c> / <c>#i "path"</c>: a package source or search path.</summary>
public sealed record PackageSourceDirective(int Line, string Text, string Source) : Directive(Line, Text);

/// <summary>Any other <c>#!</c> magic command (<c>#!time</c>, <c>#!who</c>, <c>#!set</c>, ...), which is not supported.</summary>
public sealed record UnsupportedMagic(int Line, string Text, string Name) : Directive(Line, Text);
