namespace Mrh;

/// <summary>
/// An error caused by the user's input or environment (a bad file, a wrong option, a missing
/// dependency) whose message is a complete, one-line explanation. The command line prints the
/// message alone, without a stack trace.
/// </summary>
public class MrhException : Exception
{
    public MrhException(string message) : base(message) { }
    public MrhException(string message, Exception inner) : base(message, inner) { }
}
