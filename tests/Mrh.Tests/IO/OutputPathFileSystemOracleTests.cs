using System.Diagnostics;
using Mrh.IO;
using Xunit.Abstractions;

namespace Mrh.Tests.IO;

/// <summary>
/// The property (issue 17): for random spellings of 1-2 input files and 1-2 output files in a small tree with
/// symbolic links and Analyze pairs, <see cref="OutputPaths.Check"/> refuses exactly when writing the outputs
/// would change an input or when two outputs are one file, and its refusal is one line that starts with the option.
/// <para>
/// The oracle is the file system, not a model of paths: after the check (whatever it said), each trial writes every
/// output in order with its own marker, both halves of an Analyze pair as the package's writer names them (the stem
/// with .HDR/.IMG when the given extension has a capital, .hdr/.img otherwise), and then looks: an input file (with
/// an Analyze input's other half) whose bytes changed, or an earlier output whose marker a later output replaced,
/// means the check should have refused. Paths reach the file system through .NET, which folds "." and ".." before
/// the system resolves links, as it does for the package's writer. The oracle opens files, so it writes through a
/// link; the package's writer renames over a link instead, but an output that is a link to an input is refused
/// all the same.
/// </para>
/// <para>
/// Mutations tried (each made in OutputPaths.cs, run, and undone; seed 17, 400 trials): without the Analyze pair's
/// other half, 14 trials fail (e.g. an output ln/c.hdr beside an input ln/c.img is accepted); with Resolve returning
/// the plain full path (no links followed), 33 fail; without the two-outputs rule, 50 fail. The OutputPaths.cs this
/// test was written against failed 23 trials on two defects, fixed with it: a file reached through a link to a
/// folder above it (ln/b.nii.gz with ln -> sub) was not recognised as sub/b.nii.gz (18 trials fail with only that
/// one left), and an extension in mixed case (c.Img) was paired with c.hdr although the writer writes c.HDR and
/// c.IMG (11 trials).
/// </para>
/// Complements <see cref="Cli.OutputPathPropertyTests"/> (same rules), whose oracle is what its generator knows by construction.
/// </summary>
public sealed class OutputPathFileSystemOracleTests(ITestOutputHelper log) : IDisposable
{
    const int Seed = 17, Trials = 400;
    readonly string _base = Path.Combine(Path.GetTempPath(), "mrh-pathprop-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_base)) Directory.Delete(_base, true);
    }

    // the tree of every trial: files, and links (name, target relative to the link's folder)
    static readonly string[] Files = ["a.nii", "sub/b.nii.gz", "sub/c.hdr", "sub/c.img", "sub/E.HDR", "sub/E.IMG"];
    static readonly (string Name, string Target, bool Folder)[] Links =
        [("ln", "sub", true), ("lnd", "sub/deep", true), ("la.nii", "sub/b.nii.gz", false), ("lc.img", "ln/c.img", false)];

    // existing files by folder ("" the trial's root), and spellings of each folder relative to the root
    static readonly Dictionary<string, string[]> Existing = new()
    {
        [""] = ["a.nii", "la.nii", "lc.img"],
        ["sub"] = ["b.nii.gz", "c.hdr", "c.img", "E.HDR", "E.IMG"],
    };
    static readonly Dictionary<string, string[]> Spellings = new()
    {
        [""] = ["", ".", "sub/..", "ln/..", "lnd/..", "./sub/../."],
        ["sub"] = ["sub", "ln", "./sub", "sub/.", "ln/../sub", "sub/../ln", "lnd/../sub", "ln//"],
        ["fresh"] = ["fresh", "./fresh", "sub/../fresh", "ln/../fresh"],
    };
    static readonly string[] NewExtensions = [".nii", ".nii.gz", ".hdr", ".img", ".HDR", ".IMG", ".Hdr", ".iMg"];
    static readonly string[] PairExtensions = [".hdr", ".img", ".HDR", ".IMG", ".Hdr", ".iMg"];

    [SymbolicLinkFact]
    public void CheckRefusesExactlyWhenWritingTheOutputsWouldChangeAnInputOrAnEarlierOutput()
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(Seed);
        int accepted = 0, overwritesInput = 0, twoOutputsOnOneFile = 0;
        var failures = new List<string>();
        for (int trial = 0; trial < Trials; trial++)
        {
            string root = MakeTree(Path.Combine(_base, $"t{trial}"));
            var inputs = Enumerable.Range(0, 1 + random.Next(2)).Select(_ => Spell(random, root, ExistingName(random, recase: false))).ToList();
            var first = OutputName(random);
            var outputs = new List<string> { Spell(random, root, first) };
            if (random.Next(2) == 0) // a second output: a third of the time the first one's file by another spelling
                outputs.Add(Spell(random, root, random.Next(3) == 0 ? first : OutputName(random)));

            var error = Record.Exception(() => OutputPaths.Check(
                inputs.Select((p, k) => new InputSpec($"--in{k}", p)).ToList(),
                outputs.Select((p, k) => OutputSpec.File($"--out{k}", p, OutputPaths.VolumeExtensions)).ToArray()));

            // the oracle: write the outputs and look at what changed
            var inputBytes = inputs.SelectMany(InputFiles).Select(f => (File: f, Bytes: BytesOf(f))).ToList();
            bool collision = false;
            for (int k = 0; k < outputs.Count; k++)
            {
                foreach (string file in WrittenFiles(outputs[k]))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                    File.WriteAllText(file, Marker(trial, k)); // opens the file: follows links
                }
                for (int j = 0; j < k; j++)
                    collision |= WrittenFiles(outputs[j]).Any(f => File.ReadAllText(f) != Marker(trial, j));
            }
            bool changedInput = inputBytes.Any(i => !Same(i.Bytes, BytesOf(i.File)));

            string what = $"trial {trial}: inputs [{Show(root, inputs)}] outputs [{Show(root, outputs)}]";
            if (!changedInput && !collision)
            {
                accepted++;
                if (error != null) failures.Add($"{what}: refused ({error.Message}) although writing changed nothing it should not");
                continue;
            }
            if (changedInput) overwritesInput++; else twoOutputsOnOneFile++;
            // when both happened, the check may name either
            string? reason = collision && changedInput ? null : changedInput ? "would overwrite the input given as --in" : "name the same file";
            if (error is not MrhException)
                failures.Add($"{what}: {error?.ToString() ?? "accepted"} although writing changed {(changedInput ? "an input" : "an earlier output")}");
            else if (error.Message.Contains('\n') || error.Message.Contains('\r') || !error.Message.StartsWith("--out", StringComparison.Ordinal)
                     || (reason != null && !error.Message.Contains(reason, StringComparison.Ordinal)))
                failures.Add($"{what}: the refusal '{error.Message}' is not one line that starts with the option and says '{reason}'");
        }
        log.WriteLine($"{Trials} trials (seed {Seed}) in {clock.Elapsed.TotalSeconds:F1} s: accepted {accepted}, " +
                      $"refused: overwrites an input {overwritesInput}, refused: two outputs on one file {twoOutputsOnOneFile}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {Trials} trials fail:\n" + string.Join("\n", failures.Take(12)));
        // every outcome was met often enough for the property to mean something
        Assert.True(accepted >= 20 && overwritesInput >= 20 && twoOutputsOnOneFile >= 20,
            $"accepted {accepted}, overwrites an input {overwritesInput}, two outputs on one file {twoOutputsOnOneFile}");
    }

    static string MakeTree(string root)
    {
        Directory.CreateDirectory(Path.Combine(root, "sub", "deep"));
        foreach (string file in Files) File.WriteAllText(Path.Combine(root, file), "original " + file);
        foreach (var (name, target, folder) in Links)
        {
            string link = Path.Combine(root, name);
            if (folder) Directory.CreateSymbolicLink(link, target);
            else File.CreateSymbolicLink(link, target);
        }
        return root;
    }

    static (string Folder, string Name) ExistingName(Random random, bool recase)
    {
        string folder = random.Next(2) == 0 ? "" : "sub";
        string name = Existing[folder][random.Next(Existing[folder].Length)];
        if (recase && IsPair(name) && random.Next(2) == 0) name = name[..^4] + PairExtensions[random.Next(PairExtensions.Length)];
        return (folder, name);
    }

    // half of the outputs name existing files (Analyze halves maybe re-cased), half new files from a small pool
    static (string Folder, string Name) OutputName(Random random)
    {
        if (random.Next(2) == 0) return ExistingName(random, recase: true);
        string folder = new[] { "", "sub", "fresh" }[random.Next(3)];
        return (folder, $"n{random.Next(2)}{NewExtensions[random.Next(NewExtensions.Length)]}");
    }

    /// <summary>A random spelling of the file: the trial's root, a spelling of its folder, maybe doubled separators.</summary>
    static string Spell(Random random, string root, (string Folder, string Name) file)
    {
        string folder = Spellings[file.Folder][random.Next(Spellings[file.Folder].Length)];
        string sep = random.Next(4) == 0 ? "//" : "/";
        string relative = (folder.Length == 0 ? "" : folder + sep) + file.Name;
        return root + Path.DirectorySeparatorChar + relative.Replace('/', Path.DirectorySeparatorChar);
    }

    static bool IsPair(string path) =>
        path.EndsWith(".hdr", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".img", StringComparison.OrdinalIgnoreCase);

    /// <summary>The files the package's Analyze writer writes for a path: .HDR/.IMG when its extension has a capital.</summary>
    static string[] WrittenFiles(string path)
    {
        if (!IsPair(path)) return [path];
        bool upper = path[^4..].Any(char.IsUpper);
        return [path[..^4] + (upper ? ".HDR" : ".hdr"), path[..^4] + (upper ? ".IMG" : ".img")];
    }

    /// <summary>The files an input stands for: the file, and an Analyze file's other half (every input here is a
    /// whole-case .hdr/.img, so it is the other half the writer would name too).</summary>
    static string[] InputFiles(string path) => IsPair(path) ? WrittenFiles(path) : [path];

    static byte[]? BytesOf(string file) => File.Exists(file) ? File.ReadAllBytes(file) : null;

    static bool Same(byte[]? a, byte[]? b) => a is null ? b is null : b is not null && a.AsSpan().SequenceEqual(b);

    static string Marker(int trial, int output) => $"trial {trial} output {output}";

    static string Show(string root, IEnumerable<string> paths) => string.Join(", ", paths.Select(p => p[(root.Length + 1)..]));
}

/// <summary>A fact that needs symbolic links: reported as skipped, with the reason, where they cannot be created.</summary>
public sealed class SymbolicLinkFactAttribute : FactAttribute
{
    static readonly Lazy<string?> Unavailable = new(() =>
    {
        string link = Path.Combine(Path.GetTempPath(), "mrh-link-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            File.CreateSymbolicLink(link, Path.GetTempPath());
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return e.Message;
        }
        finally
        {
            File.Delete(link);
        }
    });

    public SymbolicLinkFactAttribute()
    {
        if (Unavailable.Value is { } why) Skip = $"symbolic links cannot be created here ({why})";
    }
}
