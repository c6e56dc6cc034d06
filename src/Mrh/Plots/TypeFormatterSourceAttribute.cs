namespace Mrh.Plots;

/// <summary>
/// Tells the .NET Interactive kernel how to display a type, by its convention: the kernel looks for an attribute
/// of this name on a displayed value's type, creates <see cref="FormatterSourceType"/> and calls its
/// <c>CreateTypeFormatters()</c>; each formatter it returns has a <c>MimeType</c> and a
/// <c>bool Format(object, TextWriter)</c>. Matching by name means the library needs no reference to the kernel's
/// packages (see Formatter.TryRegisterFromConventionBasedFormatterSources in dotnet/interactive).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types the kernel writes for a value of the type, in this order.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
