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
    /// <summary>Throws <see cref="CellStoppedException"/> when the running cell has been asked to stop.</summary>
    public static void Check()
    {
        if (CellScope.Current is { StopRequested: true } scope)
            throw new CellStoppedException($"{scope.CellLabel} was stopped: it ran out of time");
    }
}

/// <summary>Thrown inside a cell's code to stop it (see <see cref="CellGuard"/>).</summary>
public sealed class CellStoppedException(string message) : Exception(message);
