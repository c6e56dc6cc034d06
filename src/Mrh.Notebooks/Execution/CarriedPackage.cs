using System.Reflection;

namespace Mrh.Notebooks.Execution;

/// <summary>
/// A NuGet package that the executor carries as its own dependency, so that <c>#r "nuget: Id"</c> binds to the
/// copy already loaded instead of downloading one.
/// </summary>
/// <param name="Id">the package id as written in <c>#r "nuget: ..."</c> (case-insensitive)</param>
/// <param name="Version">the carried version</param>
/// <param name="Roots">the assemblies a notebook gets (their dependencies come along)</param>
/// <param name="AnyVersion">true for packages that only add kernel formatters (their version is not checked)</param>
public sealed record CarriedPackage(string Id, string Version, IReadOnlyList<Assembly> Roots, bool AnyVersion = false);
