using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Mrh.Notebooks.Kernel;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// One Roslyn C# scripting state for a whole notebook: each cell is a submission that continues the previous one
/// (variables, types and usings carry over), with the kernel's default usings and the <c>display</c>/<c>HTML</c>
/// globals. Not thread-safe: run one submission at a time.
/// </summary>
public sealed class ScriptSession
{
    /// <summary>The usings of the .NET Interactive C# kernel, plus <c>x.Display()</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultImports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
        "Mrh.Notebooks.Kernel",
    ];

    static readonly Lazy<ImmutableArray<MetadataReference>> RuntimeReferences = new(() =>
    {
        string runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return tpa.Where(p => string.Equals(Path.GetDirectoryName(p), runtimeDir, StringComparison.Ordinal) && p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    });

    readonly InteractiveAssemblyLoader _loader = new();
    readonly KernelGlobals _globals = new();
    readonly HashSet<string> _referenced = new(StringComparer.OrdinalIgnoreCase);
    ScriptOptions _options;
    ScriptState<object>? _state;

    /// <summary>A session whose <c>#load</c> paths resolve against <paramref name="baseDirectory"/>.</summary>
    public ScriptSession(string baseDirectory)
    {
        _options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithReferences(RuntimeReferences.Value)
            .AddReferences(MetadataReference.CreateFromFile(typeof(KernelGlobals).Assembly.Location))
            .WithImports(DefaultImports)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(Encoding.UTF8)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, baseDirectory));
        _loader.RegisterDependency(typeof(KernelGlobals).Assembly);
    }

    /// <summary>Parse options of the submissions (C# latest, script kind).</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>Makes already-loaded assemblies available to later cells (the same loaded copy, not a second one).</summary>
    public void AddAssemblies(IEnumerable<Assembly> assemblies)
    {
        foreach (var a in assemblies)
        {
            if (!_referenced.Add(a.Location)) continue;
            _loader.RegisterDependency(a);
            _options = _options.AddReferences(MetadataReference.CreateFromFile(a.Location));
        }
    }

    /// <summary>Makes an assembly file available to later cells (loaded when first used).</summary>
    public void AddAssemblyFile(string path)
    {
        if (!_referenced.Add(Path.GetFullPath(path))) return;
        _options = _options.AddReferences(MetadataReference.CreateFromFile(path));
    }

    /// <summary>
    /// Compiles and runs one cell. <paramref name="filePath"/> names the cell in stack traces. Returns the
    /// compilation errors, or the outcome of running (exception, or the value of a last expression).
    /// </summary>
    public SubmissionResult Run(string code, string filePath, CancellationToken cancel)
    {
        var options = _options.WithFilePath(filePath);
        Script<object> script = _state is null
            ? CSharpScript.Create(code, options, typeof(KernelGlobals), _loader)
            : _state.Script.ContinueWith(code, options);
        var diagnostics = script.Compile(cancel);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) return new SubmissionResult(errors, null, false, null);
        bool hasValue = HasValue(script.GetCompilation());
        var state = _state is null
            ? script.RunAsync(_globals, _ => true, cancel).GetAwaiter().GetResult()
            : script.RunFromAsync(_state, _ => true, cancel).GetAwaiter().GetResult();
        if (state.Exception is { } e) return new SubmissionResult([], e, false, null);
        _state = state;
        return new SubmissionResult([], null, hasValue, hasValue ? state.ReturnValue : null);
    }

    /// <summary>
    /// True when the submission ends with an expression (no semicolon) whose type is not void: then its value is the
    /// cell's result, as in the kernel.
    /// </summary>
    static bool HasValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax root) return false;
        if (root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement } ||
            !statement.SemicolonToken.IsMissing)
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }
}

/// <summary>What running one submission gave.</summary>
/// <param name="Errors">compilation errors (nothing ran when there are any)</param>
/// <param name="Exception">the exception the code threw</param>
/// <param name="HasValue">true when the cell ends with an expression that has a value</param>
/// <param name="Value">that value</param>
public sealed record SubmissionResult(IReadOnlyList<Diagnostic> Errors, Exception? Exception, bool HasValue, object? Value);
