using Microsoft.CodeAnalysis.CSharp;

namespace Mrh.Notebooks.Parameters;

/// <summary>A value given on the command line as <c>-p name=value</c>.</summary>
public sealed record NotebookParameter(string Name, string Value)
{
    /// <summary>Parses "name=value" (the value may contain '=' and be empty); throws <see cref="MrhException"/>.</summary>
    public static NotebookParameter Parse(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0) throw new MrhException($"parameter '{text}' is not of the form name=value");
        string name = text[..eq].Trim();
        if (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
            throw new MrhException($"parameter name '{name}' is not a C# identifier");
        return new NotebookParameter(name, text[(eq + 1)..]);
    }
}
