using Mrh.IO;

namespace Mrh.Tests.Cli;

/// <summary>
/// A property test of the output-path rules (<see cref="OutputPaths"/>): random combinations of inputs, outputs,
/// extensions and folders, where the test knows by construction which names are the same file (the same path
/// spelt with "./" or "sub/..", a symbolic link, the other half of an Analyze pair), which are folders, and which
/// lie under a file. Each case must be refused exactly when a rule is broken, and a refusal must change nothing.
/// </summary>
public sealed class OutputPathPropertyTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-paths-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    /// <summary>A name the generator made, with the identity of the file it stands for (null: a new file).</summary>
    sealed record Name(string Path, string? Identity, bool IsFolder = false, bool UnderFile = false);

    [Fact]
    public void RandomCombinationsAreRefusedExactlyWhenARuleIsBroken()
    {
        var random = new Random(17); // seeded: the same cases every run
        int refused = 0, accepted = 0;
        string[] extensions = [".nii", ".nii.gz", ".hdr", ".img", ".txt", ".NII", ""];
        for (int round = 0; round < 300; round++)
        {
            string root = Path.Combine(_dir, $"r{round}");
            Directory.CreateDirectory(Path.Combine(root, "sub"));
            File.WriteAllText(Path.Combine(root, "blocker"), "a file where a folder is expected");
            Directory.CreateDirectory(Path.Combine(root, "folder.nii"));

            // existing input files: plain volumes and Analyze pairs; identity = the file's canonical name
            var inputs = new List<Name>();
            int nInputs = 1 + random.Next(3);
            for (int k = 0; k < nInputs; k++)
            {
                bool pair = random.Next(3) == 0;
                string stem = $"in{k}";
                if (pair)
                {
                    File.WriteAllText(Path.Combine(root, stem + ".hdr"), "h");
                    File.WriteAllText(Path.Combine(root, stem + ".img"), "i");
                    inputs.Add(new Name(Path.Combine(root, stem + (random.Next(2) == 0 ? ".hdr" : ".img")), "pair:" + stem));
                }
                else
                {
                    File.WriteAllText(Path.Combine(root, stem + ".nii"), "n");
                    inputs.Add(new Name(Path.Combine(root, stem + ".nii"), "file:" + stem));
                }
            }

            // outputs: aliases of inputs, new files with random extensions, folders, names under a file
            Name RandomOutput(int index)
            {
                switch (random.Next(10))
                {
                    case 0: // an input by another spelling
                        {
                            var input = inputs[random.Next(inputs.Count)];
                            string dir = Path.GetDirectoryName(input.Path)!, file = Path.GetFileName(input.Path);
                            string spelt = random.Next(2) == 0 ? Path.Combine(dir, "sub", "..", file) : Path.Combine(dir, ".", file);
                            return input with { Path = spelt };
                        }
                    case 1: // the other half of an input pair, or the input itself
                        {
                            var input = inputs[random.Next(inputs.Count)];
                            if (input.Identity!.StartsWith("pair:", StringComparison.Ordinal))
                                return input with { Path = input.Path[..^4] + (input.Path.EndsWith(".hdr", StringComparison.Ordinal) ? ".img" : ".hdr") };
                            return input;
                        }
                    case 2: // a symbolic link to an input
                        {
                            var input = inputs[random.Next(inputs.Count)];
                            string link = Path.Combine(root, $"link{index}{Path.GetExtension(input.Path)}");
                            if (!File.Exists(link)) File.CreateSymbolicLink(link, input.Path);
                            return input with { Path = link };
                        }
                    case 3: // a folder where a file should be
                        return new Name(Path.Combine(root, "folder.nii"), null, IsFolder: true);
                    case 4: // under a file
                        return new Name(Path.Combine(root, "blocker", $"x{index}.nii"), null, UnderFile: true);
                    default: // a new file, maybe in a folder still to be made
                        {
                            string ext = extensions[random.Next(extensions.Length)];
                            string dir = random.Next(2) == 0 ? root : Path.Combine(root, "new", $"d{random.Next(2)}");
                            string stem = $"out{random.Next(3)}";
                            return new Name(Path.Combine(dir, stem + ext), ext is ".hdr" or ".img" ? $"newpair:{dir}/{stem}" : $"new:{dir}/{stem}{ext}");
                        }
                }
            }
            int nOutputs = 1 + random.Next(2);
            var outputs = Enumerable.Range(0, nOutputs).Select(RandomOutput).ToList();
            string[] allowed = random.Next(2) == 0 ? OutputPaths.VolumeExtensions : OutputPaths.NiftiExtensions;

            // the rules, from what the generator knows
            bool shouldRefuse = false;
            var inputIds = inputs.Select(i => i.Identity).ToHashSet();
            var seen = new HashSet<string>();
            foreach (var o in outputs)
            {
                bool extOk = allowed.Any(e => o.Path.EndsWith(e, StringComparison.OrdinalIgnoreCase));
                if (!extOk || o.IsFolder || o.UnderFile) shouldRefuse = true;
                if (o.Identity != null && inputIds.Contains(o.Identity)) shouldRefuse = true;
                if (o.Identity != null && !o.IsFolder && !seen.Add(o.Identity)) shouldRefuse = true;
            }

            var before = Snapshot(root);
            var inputSpecs = inputs.Select((i, k) => new InputSpec($"--in{k}", i.Path)).ToList();
            var outputSpecs = outputs.Select((o, k) => OutputSpec.File($"--out{k}", o.Path, allowed)).ToArray();
            var error = Record.Exception(() => OutputPaths.Check(inputSpecs, outputSpecs));
            string what = $"round {round}: inputs [{string.Join(", ", inputs.Select(i => Path.GetRelativePath(root, i.Path)))}] " +
                          $"outputs [{string.Join(", ", outputs.Select(o => Path.GetRelativePath(root, o.Path)))}] allowed {string.Join("/", allowed)}";
            if (shouldRefuse)
            {
                Assert.True(error is MrhException, $"{what}: expected a refusal, got {error?.GetType().Name ?? "acceptance"}");
                Assert.DoesNotContain('\n', error!.Message);
                refused++;
            }
            else
            {
                Assert.True(error is null, $"{what}: expected acceptance, got {error?.Message}");
                accepted++;
            }
            Assert.Equal(before, Snapshot(root)); // the check writes nothing and leaves no probe behind
        }
        // both outcomes were exercised plenty
        Assert.True(refused > 50 && accepted > 30, $"refused {refused}, accepted {accepted}");
    }

    static string Snapshot(string root) =>
        string.Join("\n", Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(p => $"{p}:{(File.Exists(p) ? new FileInfo(p).Length : -1)}"));
}
