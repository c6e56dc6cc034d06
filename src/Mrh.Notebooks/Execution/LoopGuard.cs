using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// Makes a cell's loops stoppable: inserts <c>CellGuard.Check();</c> at the top of every <c>while</c>, <c>do</c>,
/// <c>for</c> and <c>foreach</c> body (in lambdas and local functions too), so that a cell that runs out of time
/// throws at its next iteration. Roslyn scripts cannot be aborted otherwise. Inserts no line break: line numbers
/// in errors stay those of the cell (columns on a line that got a check shift).
/// Code that blocks without looping (a sleep, a native call, a wait on a lock) cannot be stopped this way.
/// </summary>
public static class LoopGuard
{
    /// <summary>The statement inserted.</summary>
    public const string CheckStatement = "global::Mrh.Notebooks.Kernel.CellGuard.Check();";

    /// <summary>The code with checks in every loop body (unchanged when it has no loop).</summary>
    public static string Instrument(string code, CSharpParseOptions options)
    {
        var tree = CSharpSyntaxTree.ParseText(code, options);
        var root = tree.GetRoot();
        if (!root.DescendantNodes().Any(n => n is WhileStatementSyntax or DoStatementSyntax or ForStatementSyntax or CommonForEachStatementSyntax))
            return code;
        return new Rewriter().Visit(root).ToFullString();
    }

    sealed class Rewriter : CSharpSyntaxRewriter
    {
        static StatementSyntax Check() => SyntaxFactory.ParseStatement(CheckStatement);

        static StatementSyntax Guard(StatementSyntax body) => body switch
        {
            BlockSyntax block => block.WithStatements(block.Statements.Insert(0, Check())),
            _ => SyntaxFactory.Block(Check(), body),
        };

        public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
        {
            var n = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
            return n.WithStatement(Guard(n.Statement));
        }

        public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
        {
            var n = (DoStatementSyntax)base.VisitDoStatement(node)!;
            return n.WithStatement(Guard(n.Statement));
        }

        public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
        {
            var n = (ForStatementSyntax)base.VisitForStatement(node)!;
            return n.WithStatement(Guard(n.Statement));
        }

        public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
        {
            var n = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
            return n.WithStatement(Guard(n.Statement));
        }

        public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
        {
            var n = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
            return n.WithStatement(Guard(n.Statement));
        }
    }
}
