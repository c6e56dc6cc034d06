using System.Collections.Concurrent;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// The thread that runs a notebook's cells, one after another. Cells run here rather than on the caller's thread so
/// that the caller can stop waiting for a cell that does not end (a timeout): such a cell's thread is abandoned
/// (<see cref="Abandon"/>); it is a background thread and does not keep the process alive.
/// </summary>
internal sealed class CellWorker : IDisposable
{
    /// <summary>Stack size of the cell thread: deep recursion in notebooks and in the compiler need room.</summary>
    const int StackBytes = 64 * 1024 * 1024;

    readonly BlockingCollection<Action> _work = new();
    readonly Thread _thread;

    public CellWorker(string name)
    {
        _thread = new Thread(Loop, StackBytes) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Queues <paramref name="work"/>; the task ends with its result or exception.</summary>
    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try { done.SetResult(work()); }
            catch (Exception e) { done.SetException(e); }
        });
        return done.Task;
    }

    void Loop()
    {
        foreach (var item in _work.GetConsumingEnumerable()) item();
    }

    /// <summary>Takes no more work; the thread ends when the work it is stuck in ends, if ever.</summary>
    public void Abandon() => _work.CompleteAdding();

    /// <summary>Ends the thread after the queued work.</summary>
    public void Dispose() => _work.CompleteAdding();
}
