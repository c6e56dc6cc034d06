using Mrh.IO;
using Mrh.Tests.Notebooks;

namespace Mrh.Tests.Cli;

/// <summary>
/// <see cref="AtomicFile.DeletePending"/> deletes every temporary file this process is writing, so its test runs
/// alone: beside other tests it would delete their files mid-write (as it did in CI, 2026-12-04).
/// </summary>
[Collection(nameof(CurrentDirectoryCollection))]
public sealed class PendingWritesTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "mrh-pending-" + Guid.NewGuid().ToString("N"));

    public PendingWritesTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    string P(string name) => Path.Combine(_dir, name);

    [Fact]
    public void DeletePendingRemovesTheFilesBeingWritten()
    {
        string? seen = null;
        int deleted = -1;
        Assert.ThrowsAny<Exception>(() => AtomicFile.Write(P("out.bin"), s =>
        {
            s.WriteByte(1);
            s.Flush();
            seen = Directory.GetFiles(_dir, ".out.bin.mrh-*.tmp").Single();
            deleted = AtomicFile.DeletePending(); // what the SIGINT / SIGTERM handler does
            throw new OperationCanceledException();
        }));
        Assert.Equal(1, deleted);
        Assert.NotNull(seen);
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
