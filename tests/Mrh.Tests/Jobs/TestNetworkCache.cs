using System.Runtime.CompilerServices;
using Mrh.Jobs;

namespace Mrh.Tests.Jobs;

/// <summary>
/// The test run's cache of trained networks: unless MRH_CACHE is set, a fresh folder per test process (deleted at
/// exit), so that tests share networks within one run but never find networks of an earlier run (nor write into
/// the repository's data/generated/networks).
/// </summary>
static class TestNetworkCache
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(NetworkCache.EnvironmentVariable))) return;
        string folder = Path.Combine(Path.GetTempPath(), "mrh-test-networks-" + Guid.NewGuid().ToString("N"));
        Environment.SetEnvironmentVariable(NetworkCache.EnvironmentVariable, folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { if (Directory.Exists(folder)) Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
    }
}
