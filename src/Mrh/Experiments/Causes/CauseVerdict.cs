namespace Mrh.Experiments.Causes;

/// <summary>What changing only a suspected cause did to a claim that does not hold (<see cref="CauseJudge"/>).</summary>
public enum CauseVerdict
{
    /// <summary>Not judged: the claim held before the change, or a value was missing.</summary>
    NotJudged,
    /// <summary>The claim holds after the change, by its own unchanged rule, and the values moved toward passing significantly: the cause is confirmed.</summary>
    Confirmed,
    /// <summary>The claim still fails, but the change moved it toward passing, significantly: part of the cause.</summary>
    Contributes,
    /// <summary>The change did not move the claim toward passing beyond the spread over animals: the cause is rejected.</summary>
    Rejected,
    /// <summary>
    /// The claim holds after the change, but the values did not move toward passing beyond the spread over animals: the claim
    /// sat at its threshold, so the flip does not show the cause.
    /// </summary>
    Inconclusive,
}
