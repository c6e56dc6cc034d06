using System.Text.RegularExpressions;
using Mrh.Cli.Commands;
using Mrh.Cli.Framework;

namespace Mrh.Tests.Cli;

/// <summary>
/// The documents against the tool's own command and option model (<see cref="CommandList"/>, <see cref="OptionSpec"/>),
/// so that they cannot drift apart: the README's command table lists every command and names only options that
/// exist; docs/cli.md, the option reference, has a section per command listing exactly that command's options.
/// </summary>
public sealed partial class DocumentationTests
{
    static readonly IReadOnlyList<CliCommand> Commands = CommandList.All();

    static string Root()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "MrhNotebooks.sln"))) return d.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    static string Read(string relative) => File.ReadAllText(Path.Combine(Root(), relative)).ReplaceLineEndings("\n");

    /// <summary>The README's command table: the first cell of each row (`mrh NAME [options]`) by command name.</summary>
    static Dictionary<string, string> ReadmeTable()
    {
        string readme = Read("README.md");
        int start = readme.IndexOf("| command | what it does |", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no command table");
        var rows = new Dictionary<string, string>();
        foreach (var line in readme[start..].Split('\n').Skip(2).TakeWhile(l => l.StartsWith('|')))
        {
            string cell = line.Split(" | ")[0].TrimStart('|', ' ').Trim('`');
            var name = Commands.Select(c => c.Name).Where(n => cell.StartsWith("mrh " + n + " ", StringComparison.Ordinal) || cell == "mrh " + n)
                .OrderByDescending(n => n.Length).FirstOrDefault();
            Assert.True(name != null, $"README command table: '{cell}' names no command of mrh");
            Assert.False(rows.ContainsKey(name!), $"README command table: `mrh {name}` has two rows");
            rows[name!] = cell;
        }
        return rows;
    }

    /// <summary>docs/cli.md: each "## `mrh NAME`" section's text, by command name.</summary>
    static Dictionary<string, string> CliReference()
    {
        var sections = new Dictionary<string, string>();
        var parts = Read("docs/cli.md").Split("\n## ");
        foreach (var part in parts.Skip(1))
        {
            var m = Regex.Match(part, "^`mrh ([a-z ]+)`");
            Assert.True(m.Success, $"docs/cli.md: a section heading is not \"## `mrh COMMAND`\": {part.Split('\n')[0]}");
            sections[m.Groups[1].Value] = part;
        }
        return sections;
    }

    /// <summary>The long options a text names: `--name`, in code spans or not.</summary>
    static HashSet<string> OptionsNamed(string text) =>
        OptionName().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>The options a section of docs/cli.md lists: the "- `--name ...`" items of its list.</summary>
    static HashSet<string> OptionsListed(string section) =>
        section.Split('\n').Where(l => l.StartsWith("- `-", StringComparison.Ordinal))
            .Select(l => OptionName().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();

    [GeneratedRegex(@"(?<![\w-])--([a-z][a-z0-9-]*)")]
    private static partial Regex OptionName();

    [Fact]
    public void TheReadmeTableListsEveryCommandAndOnlyOptionsThatExist()
    {
        var table = ReadmeTable();
        Assert.Equal(Commands.Select(c => c.Name).Order(), table.Keys.Order());
        foreach (var c in Commands)
        {
            var named = OptionsNamed(table[c.Name]);
            var unknown = named.Except(c.Options.Select(o => o.Name)).ToList();
            Assert.True(unknown.Count == 0, $"README: `mrh {c.Name}` names options it does not have: {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }

    [Fact]
    public void TheCliReferenceListsExactlyEachCommandsOptions()
    {
        var reference = CliReference();
        Assert.Equal(Commands.Select(c => c.Name).Order(), reference.Keys.Order());
        foreach (var c in Commands)
        {
            string section = reference[c.Name];
            var listed = OptionsListed(section);
            var options = c.Options.Select(o => o.Name).ToHashSet();
            var missing = options.Except(listed).ToList();
            var extra = listed.Except(options).ToList();
            Assert.True(missing.Count == 0, $"docs/cli.md: `mrh {c.Name}` does not document {string.Join(", ", missing.Select(m => "--" + m))}");
            Assert.True(extra.Count == 0, $"docs/cli.md: `mrh {c.Name}` documents options it does not have: {string.Join(", ", extra.Select(m => "--" + m))}");
            // the short form and the value's name as the help shows them
            foreach (var o in c.Options)
                Assert.True(section.Contains("- `" + o.Usage + "`", StringComparison.Ordinal),
                    $"docs/cli.md: `mrh {c.Name}`: the item of --{o.Name} should start with `{o.Usage}`");
            // every option the section's prose names exists too
            var unknown = OptionsNamed(section).Except(options).Except(["help"]).ToList();
            Assert.True(unknown.Count == 0, $"docs/cli.md: `mrh {c.Name}` names options it does not have: {string.Join(", ", unknown.Select(u => "--" + u))}");
        }
    }

    /// <summary>Every `--option` the README names anywhere is an option of some mrh command, or of the other tools it shows.</summary>
    [Fact]
    public void EveryOptionTheReadmeNamesExists()
    {
        // options of dotnet (test, format), jupyter and the shell lines the README quotes
        string[] otherTools = ["project", "no-build", "filter", "to", "execute", "version", "help", "verify-no-changes"];
        var all = Commands.SelectMany(c => c.Options.Select(o => o.Name)).Concat(otherTools).ToHashSet();
        var unknown = OptionsNamed(Read("README.md")).Except(all).Order().ToList();
        Assert.True(unknown.Count == 0, $"README.md names options no command has: {string.Join(", ", unknown.Select(u => "--" + u))}");
    }

    /// <summary>The commands a help example runs exist, with options that exist (an example once named a folder and subject that did not).</summary>
    [Fact]
    public void HelpExamplesUseRealCommandsAndOptions()
    {
        foreach (var c in Commands)
            foreach (var line in c.Details.Split('\n').Select(l => l.Trim()))
            {
                int at = line.IndexOf("mrh ", StringComparison.Ordinal);
                if (at < 0 || !Regex.IsMatch(line, @"^(example: |Example: )?mrh ", RegexOptions.IgnoreCase)) continue;
                string example = line[at..].Split(" && ")[0].Split(";  ")[0];
                var cmd = Commands.Where(x => example.StartsWith("mrh " + x.Name + " ", StringComparison.Ordinal)).OrderByDescending(x => x.Name.Length).FirstOrDefault();
                Assert.True(cmd != null, $"`mrh {c.Name} --help`: the example '{example}' runs no command of mrh");
                var unknown = OptionsNamed(example).Except(cmd!.Options.Select(o => o.Name)).ToList();
                Assert.True(unknown.Count == 0, $"`mrh {c.Name} --help`: the example '{example}' uses options `mrh {cmd.Name}` does not have: {string.Join(", ", unknown)}");
            }
    }

    /// <summary>
    /// The predict example of `mrh predict --help` is the README walkthrough's predict line, which
    /// <see cref="CliWalkthroughTests"/> runs after generating the data set it names.
    /// </summary>
    [Fact]
    public void ThePredictHelpExampleIsTheWalkthroughsLine()
    {
        var predict = CliWalkthroughTests.ReadmeCommands().Single(l => l.StartsWith("mrh predict ", StringComparison.Ordinal));
        Assert.Contains(predict, new PredictCommand().Details, StringComparison.Ordinal);
        var train = CliWalkthroughTests.ReadmeCommands().Single(l => l.StartsWith("mrh train ", StringComparison.Ordinal));
        Assert.Contains(train, new TrainCommand().Details, StringComparison.Ordinal);
    }

    /// <summary>The authors' template names the subject groups the notebooks of Figs. 1, 2 and the supplement read.</summary>
    [Fact]
    public void TheAuthorsTemplateHasTheGroupsTheNotebooksRead()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(Read("data/authors-layout.dataset.json"));
        var groups = doc.RootElement.GetProperty("subjects").EnumerateArray().Select(s => s.GetProperty("group").GetString()).ToList();
        string[] needed = [Mrh.Experiments.StudyGroups.MriTraining, Mrh.Experiments.StudyGroups.MriTest, Mrh.Experiments.StudyGroups.AutoFluorescence, Mrh.Experiments.StudyGroups.AfReference];
        Assert.Equal(needed.Order(), groups.Distinct().Order());
        Assert.Equal(6, groups.Count(g => g == "mri-train"));
        Assert.Equal(4, groups.Count(g => g == "mri-test"));
        // and data/README.md says so
        string dataReadme = Read("data/README.md");
        Assert.DoesNotContain("6 `train`", dataReadme, StringComparison.Ordinal);
        Assert.DoesNotContain("\"group\": \"train\"", dataReadme, StringComparison.Ordinal);
    }
}
