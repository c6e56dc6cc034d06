using System.Text;
using System.Text.Json.Nodes;
using Mrh.Notebooks.Documents;
using Mrh.Notebooks.Execution;

namespace Mrh.Notebooks.Parameters;

/// <summary>
/// papermill's convention: the values given with <c>-p name=value</c> go into a new code cell tagged
/// <c>injected-parameters</c>, right after the cell tagged <c>parameters</c> (or first, when there is none), which
/// redeclares each variable with the type it has in the parameters cell. An earlier injected cell is replaced.
/// </summary>
public static class ParameterInjector
{
    /// <summary>The tag of the injected cell.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>
    /// Inserts the cell into <paramref name="notebook"/> and returns warnings (undeclared parameters, no
    /// parameters cell). Throws <see cref="MrhException"/> for a value that does not fit its declared type.
    /// Does nothing when <paramref name="parameters"/> is empty.
    /// </summary>
    public static IReadOnlyList<string> Inject(NotebookDocument notebook, IReadOnlyList<NotebookParameter> parameters)
    {
        var warnings = new List<string>();
        if (parameters.Count == 0) return warnings;
        var dup = parameters.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup != null) throw new MrhException($"parameter '{dup.Key}' is given twice");
        notebook.Cells.RemoveAll(c => c.HasTag(InjectedTag));
        int at = notebook.Cells.FindIndex(c => c.Type == CellType.Code && c.HasTag(ParameterCell.Tag));
        var declared = at >= 0 ? ParameterCell.Declarations(notebook.Cells[at].Source) : [];
        if (at < 0) warnings.Add("the notebook has no cell tagged 'parameters'; the parameters are injected before the first cell");
        var code = new StringBuilder("// Parameters injected by mrh notebooks run (papermill's convention)\n");
        foreach (var p in parameters)
        {
            var d = declared.LastOrDefault(x => x.Name == p.Name);
            string type;
            if (d is null || d.Type == "var")
            {
                type = ParameterLiteral.InferType(p.Value);
                if (d is null && at >= 0) warnings.Add($"parameter '{p.Name}' is not declared in the parameters cell; injected as {type}");
            }
            else type = d.Type;
            code.Append($"{type} {p.Name} = {ParameterLiteral.For(type, p.Name, p.Value)};\n");
        }
        var metadata = new JsonObject
        {
            ["tags"] = new JsonArray(InjectedTag),
            ["dotnet_interactive"] = new JsonObject { ["language"] = KernelNames.CSharp },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = KernelNames.CSharp },
        };
        var cell = new NotebookCell(CellType.Code, code.ToString().TrimEnd('\n'), metadata, InjectedTag);
        notebook.Cells.Insert(at + 1, cell);
        return warnings;
    }
}
