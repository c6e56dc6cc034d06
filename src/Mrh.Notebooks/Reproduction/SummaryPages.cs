using System.Globalization;
using System.Net;
using System.Text;
using Mrh.Experiments;
using Mrh.Notebooks.Html;

namespace Mrh.Notebooks.Reproduction;

/// <summary>summary.md and index.html of a reproduction run.</summary>
public static class SummaryPages
{
    /// <summary>The presenter's view beside the pages (<see cref="Html.SlidesPage"/>).</summary>
    public const string SlidesFile = "slides.html";

    /// <summary>What a smoke run's verdicts mean.</summary>
    public const string SmokeCaveat = "The smoke preset checks that every step runs; its networks are far too small and briefly " +
                                      "trained for the paper's claims to hold. Use the quick or paper preset to test the claims.";

    public static string Markdown(ReproductionSummary s)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# MRH Notebooks: reproduction ({s.Preset} preset)");
        sb.AppendLine();
        sb.AppendLine($"Data: {s.Dataset}. Started {s.Started:yyyy-MM-dd HH:mm} UTC, {Minutes(s.Seconds)} in all. " +
                      $"Claims: {s.ClaimsHolding} hold, {s.ClaimsNotHolding} do not, {s.Claims.Count - s.ClaimsHolding - s.ClaimsNotHolding} shown for reference.");
        if (s.Preset == "smoke")
        {
            sb.AppendLine();
            sb.AppendLine(SmokeCaveat);
        }
        sb.AppendLine();
        sb.AppendLine($"To present: [{SlidesFile}]({SlidesFile}), one slide per figure (arrow keys move).");
        sb.AppendLine();
        sb.AppendLine("| notebook | result | time | cells | figures |");
        sb.AppendLine("|---|---|---|---|---|");
        foreach (var n in s.Notebooks)
            sb.AppendLine($"| [{n.Name}]({n.Html}) | {(n.Succeeded ? "ok" + Kept(n) : "FAILED: " + (n.Error ?? "").Replace("|", "\\|"))} | {Minutes(n.Seconds)} | {n.CellsRun} | {n.Figures} |");
        sb.AppendLine();
        sb.AppendLine("## The paper's claims on this data");
        sb.AppendLine();
        sb.Append(s.Claims.Count == 0 ? "No notebook recorded claims.\n" : ClaimTable.Markdown(s.Claims));
        var failing = s.Claims.Where(c => c.Holds == false).ToList();
        if (failing.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Why a claim does not hold");
            sb.AppendLine();
            foreach (var c in failing)
            {
                var (heading, link) = FindingsLinks.For(c);
                sb.AppendLine($"- {c.Figure}, {c.Statement.Replace("|", "\\|")}: [{heading}]({HtmlLinks.Target(link)})");
            }
        }
        return sb.ToString();
    }

    public static string IndexHtml(ReproductionSummary s)
    {
        static string E(string? t) => WebUtility.HtmlEncode(t ?? "");
        var sb = new StringBuilder();
        sb.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MRH Notebooks: reproduction</title>");
        sb.AppendLine("<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}" +
                      "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}" +
                      "th{background:#f3f3f3}.ok{color:#1a7f37}.bad{color:#c62828}</style></head><body>");
        sb.AppendLine($"<h1>MRH Notebooks: reproduction ({E(s.Preset)} preset)</h1>");
        sb.AppendLine($"<p>Data: {E(s.Dataset)}. Started {s.Started:yyyy-MM-dd HH:mm} UTC; {E(Minutes(s.Seconds))} in all. " +
                      $"Claims: <span class=\"ok\">{s.ClaimsHolding} hold</span>, <span class=\"bad\">{s.ClaimsNotHolding} do not</span>.</p>");
        if (s.Preset == "smoke") sb.AppendLine($"<p><em>{E(SmokeCaveat)}</em></p>");
        sb.AppendLine($"<p><a href=\"{SlidesFile}\">Present: the figures as slides</a> (one per figure with its claim and what you should see; arrow keys move).</p>");
        sb.AppendLine("<table><tr><th>notebook</th><th>result</th><th>time</th><th>cells</th><th>figures</th><th>executed notebook</th></tr>");
        foreach (var n in s.Notebooks)
            sb.AppendLine($"<tr><td><a href=\"{E(n.Html)}\">{E(n.Name)}</a></td><td class=\"{(n.Succeeded ? "ok" : "bad")}\">{(n.Succeeded ? "ok" + E(Kept(n)) : "failed: " + E(n.Error))}</td>" +
                          $"<td>{E(Minutes(n.Seconds))}</td><td>{n.CellsRun}</td><td>{n.Figures}</td><td><a href=\"{E(n.Ipynb)}\">.ipynb</a></td></tr>");
        sb.AppendLine("</table><h2>The paper's claims on this data</h2>");
        sb.AppendLine("<table><tr><th>figure</th><th>claim</th><th>paper</th><th>this run</th><th>verdict</th><th>note</th></tr>");
        foreach (var c in s.Claims)
            sb.AppendLine($"<tr><td>{E(c.Figure)}</td><td>{E(c.Statement)}</td><td>{E(c.Paper)}</td><td>{E(c.ThisRun)}</td>" +
                          $"<td class=\"{(c.Holds == false ? "bad" : c.Holds == true ? "ok" : "")}\">{E(c.Verdict)}</td><td>{E(c.Note)}</td></tr>");
        sb.AppendLine("</table></body></html>");
        return sb.ToString();
    }

    /// <summary>For a notebook taken from the kept runs: which run (it did not run this time).</summary>
    static string Kept(NotebookReport n) => n.FromCache is { } k
        ? string.Create(CultureInfo.InvariantCulture, $", unchanged: the run of {k.RanUtc:yyyy-MM-dd HH:mm} UTC ({Minutes(k.Seconds)}) from the cache")
        : "";

    static string Minutes(double seconds) =>
        seconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0.0} s") : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60:0.0} min");
}
