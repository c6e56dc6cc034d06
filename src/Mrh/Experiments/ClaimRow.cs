namespace Mrh.Experiments;

/// <summary>One line of a notebook's "paper vs this run" table as it is shown (<see cref="ClaimTable.Summary"/>).</summary>
public sealed record ClaimRow(string Claim, string Paper, string ThisRun, string Verdict, string Note);
