using System.ComponentModel;
using Mrh.Notebooks.Execution;

namespace Mrh.Notebooks.Kernel;

/// <summary>
/// Stops a cell that ran out of time. The executor inserts a call to <see cref="Check"/> at the top of every loop
/// body of the cell's code (Roslyn scripts cannot be aborted from outside); it throws once the cell was asked to
/// stop. Not meant to be called by notebook code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CellGuard
{
    // Process-wide count of cells asked to stop that have not ended yet. Loops read only this (one volatile read per
    // iteration); the cell's own flag, which flows with the execution context, is looked at only when it is non-zero.
    static int _stopsPending;

    /// <summary>Throws <see cref="CellStoppedException"/> when the running cell has been asked to stop.</summary>
    public static void Check()
    {
        if (Volatile.Read(ref _stopsPending) != 0) CheckScope();
    }

    static void CheckScope()
    {
        if (CellScope.Current is { StopRequested: true } scope)
            throw new CellStoppedException($"{scope.CellLabel} was stopped: it ran out of time");
    }

    internal static void StopRequested() => Interlocked.Increment(ref _stopsPending);

    /// <summary>A cell that was asked to stop has ended (a cell that never ends keeps the count up: loops elsewhere then
    /// take the slower path, which is still correct).</summary>
    internal static void StoppedCellEnded() => Interlocked.Decrement(ref _stopsPending);
}

/// <summary>Thrown inside a cell's code to stop it (see <see cref="CellGuard"/>).</summary>
public sealed class CellStoppedException(string message) : Exception(message);
