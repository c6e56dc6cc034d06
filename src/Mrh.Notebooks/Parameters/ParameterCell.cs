using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mrh.Notebooks.Parameters;

/// <summary>Reads the declarations of a papermill-style <c>parameters</c> cell.</summary>
public static class ParameterCell
{
    /// <summary>The tag of the cell holding the defaults.</summary>
    public const string Tag = "parameters";

    /// <summary>The top-level variable declarations of the cell, in order.</summary>
    public static IReadOnlyList<ParameterDeclaration> Declarations(string source)
    {
        var root = CSharpSyntaxTree.ParseText(WithoutMagicLines(source), ScriptOptions).GetCompilationUnitRoot();
        var result = new List<ParameterDeclaration>();
        foreach (var member in root.Members)
        {
            VariableDeclarationSyntax? declaration = member switch
            {
                FieldDeclarationSyntax f => f.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax l } => l.Declaration,
                _ => null,
            };
            if (declaration is null) continue;
            foreach (var v in declaration.Variables)
            {
                string type = declaration.Type.ToString();
                if (declaration.Type.IsVar) type = LiteralType(v.Initializer?.Value) ?? "var";
                result.Add(new ParameterDeclaration(v.Identifier.ValueText, type));
            }
        }
        return result;
    }

    /// <summary>Cells are C# scripts, as the kernel compiles them.</summary>
    static readonly CSharpParseOptions ScriptOptions = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.Latest);

    /// <summary>The kernel's magic lines (<c>#!...</c>, <c>#r</c>, <c>#i</c>) blanked, so that the rest parses as C#.</summary>
    static string WithoutMagicLines(string source) =>
        string.Join('\n', source.Replace("\r\n", "\n").Split('\n').Select(l =>
            l.TrimStart() is var t && (t.StartsWith("#!", StringComparison.Ordinal) || t.StartsWith("#r ", StringComparison.Ordinal) ||
                                       t.StartsWith("#i ", StringComparison.Ordinal)) ? "" : l));

    /// <summary>The C# type of a literal (or a negated numeric literal), or null.</summary>
    static string? LiteralType(ExpressionSyntax? e)
    {
        if (e is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } neg) e = neg.Operand;
        if (e is not LiteralExpressionSyntax lit) return null;
        return lit.Kind() switch
        {
            SyntaxKind.StringLiteralExpression => "string",
            SyntaxKind.TrueLiteralExpression or SyntaxKind.FalseLiteralExpression => "bool",
            SyntaxKind.NumericLiteralExpression => lit.Token.Value switch
            {
                int => "int",
                long => "long",
                uint => "uint",
                ulong => "ulong",
                float => "float",
                double => "double",
                decimal => "decimal",
                _ => null,
            },
            _ => null,
        };
    }
}
