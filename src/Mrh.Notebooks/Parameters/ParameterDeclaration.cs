namespace Mrh.Notebooks.Parameters;

/// <summary>A variable declared in the notebook's <c>parameters</c> cell: its name and C# type as written
/// (<c>var</c> replaced by the type of its literal initializer).</summary>
public sealed record ParameterDeclaration(string Name, string Type);
