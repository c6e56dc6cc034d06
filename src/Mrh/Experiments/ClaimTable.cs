using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mrh.Experiments;

/// <summary>
/// The "paper vs this run" table of one notebook. Notebooks display it (<see cref="Rows"/> renders as a
/// table) and save it into the run's results folder, where <c>mrh reproduce</c> collects every table
/// into summary.json and summary.md.
/// </summary>
public sealed class ClaimTable
{
    readonly List<Claim> _rows = [];

    public ClaimTable(string figure)
    {
        if (string.IsNullOrWhiteSpace(figure)) throw new ArgumentException("a claim table needs the figure it belongs to");
        Figure = figure;
    }

    public string Figure { get; }
    public IReadOnlyList<Claim> Rows => _rows;

    /// <summary>Adds a claim; <paramref name="id"/> must be unique within the table.</summary>
    public ClaimTable Add(string id, string statement, string paper, string thisRun, bool? holds, string note = "")
    {
        if (_rows.Any(r => r.Id == id)) throw new ArgumentException($"claim '{id}' is already in the table of {Figure}");
        _rows.Add(new Claim(Figure, id, statement, paper, thisRun, holds, note));
        return this;
    }

    /// <summary>Adds a numeric claim, formatting the number with <paramref name="format"/>.</summary>
    public ClaimTable Add(string id, string statement, string paper, double thisRun, bool? holds, string format = "0.000", string note = "") =>
        Add(id, statement, paper, double.IsFinite(thisRun) ? thisRun.ToString(format, CultureInfo.InvariantCulture) : "n/a", holds, note);

    /// <summary>
    /// The table as a reader sees it in a notebook: claim, paper, this run, verdict and note (the figure, the id
    /// and the yes/no flag behind the verdict are left to the saved file).
    /// </summary>
    public IReadOnlyList<ClaimRow> Summary => _rows.Select(r => new ClaimRow(r.Statement, r.Paper, r.ThisRun, r.Verdict, r.Note)).ToArray();

    /// <summary><see cref="Summary"/> under plain headers (claim, paper, this run, verdict, note), as a notebook ends with it.</summary>
    public Mrh.Plots.Table SummaryTable() => Mrh.Plots.TableExtensions.ToTable(Summary).Renamed("claim", "paper", "this run", "verdict", "note");

    /// <summary>The line under a claims table that says what its dashes mean.</summary>
    public static Mrh.Plots.Note Legend { get; } = new("Reading the table",
        [new Mrh.Plots.NoteLine("— = shown for reference, not judged (no paper number or no rule of ours); the note column gives the rule where it is not the paper's number.")]);

    public string ToMarkdown() => Markdown(_rows);

    /// <summary>A Markdown table of claims (figure, claim, paper, this run, verdict, note).</summary>
    public static string Markdown(IEnumerable<Claim> claims)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| figure | claim | paper | this run | verdict | note |");
        sb.AppendLine("|---|---|---|---|---|---|");
        foreach (var c in claims)
            sb.AppendLine($"| {Cell(c.Figure)} | {Cell(c.Statement)} | {Cell(c.Paper)} | {Cell(c.ThisRun)} | {c.Verdict} | {Cell(c.Note)} |");
        return sb.ToString();
    }

    static string Cell(string s) => s.Replace("|", "\\|").ReplaceLineEndings(" ");

    static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>
    /// Writes the table to <c>DIR/claims-FIGURE.json</c> (atomically) and returns the path; does nothing
    /// and returns null when <paramref name="directory"/> is null or empty (a notebook run by hand).
    /// </summary>
    public string? Save(string? directory)
    {
        if (string.IsNullOrEmpty(directory)) return null;
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"claims-{Slug(Figure)}.json");
        Mrh.IO.AtomicFile.WriteText(path, JsonSerializer.Serialize(_rows, JsonOptions));
        return path;
    }

    /// <summary>
    /// The figure's name as a file-name part: lower case, each run of characters other than letters and digits one
    /// '-' ("Fig. 1" -> "fig-1").
    /// </summary>
    public static string Slug(string figure)
    {
        var sb = new System.Text.StringBuilder();
        foreach (char ch in figure.ToLowerInvariant())
            if (char.IsLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        return sb.ToString().TrimEnd('-');
    }

    /// <summary>Every claim saved in a folder, in file-name order; a clear error for a damaged file.</summary>
    public static IReadOnlyList<Claim> LoadAll(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        var all = new List<Claim>();
        foreach (var file in Directory.GetFiles(directory, "claims-*.json").Order(StringComparer.Ordinal))
        {
            try
            {
                all.AddRange(JsonSerializer.Deserialize<List<Claim>>(File.ReadAllText(file), JsonOptions) ?? []);
            }
            catch (JsonException e)
            {
                throw new MrhException($"{file}: not a claims table ({e.Message.ReplaceLineEndings(" ")})");
            }
        }
        return all;
    }
}
