using Mrh.Imaging;

namespace Mrh.Data;

/// <summary>
/// A data set on disk described by a <c>dataset.json</c> manifest: subjects, their MRI channel files,
/// masks, labels and histology targets, and the protocol. See data/README.md for the schema.
/// </summary>
public sealed class Dataset
{
    Dataset() { }

    /// <summary>Loads a manifest (a folder holding dataset.json, or the path of the json itself).</summary>
    public static Dataset Load(string directoryOrManifest) =>
        throw new MrhException($"dataset manifests are not implemented yet ({directoryOrManifest})");

    /// <summary>Folder that relative paths of the manifest are resolved against.</summary>
    public string Root { get; private init; } = "";
    public Protocol Protocol { get; private init; } = new([]);
    public IReadOnlyList<string> SubjectIds { get; private init; } = [];

    /// <summary>All MRI channels of a subject, in protocol order, as one multi-channel volume.</summary>
    public Volume LoadInputs(string subjectId) => throw new NotImplementedException();
    /// <summary>The subject's brain mask (1 inside), or null if the manifest has none.</summary>
    public Volume? LoadMask(string subjectId) => throw new NotImplementedException();
    /// <summary>The subject's structure labels, or null.</summary>
    public Volume? LoadLabels(string subjectId) => throw new NotImplementedException();
    /// <summary>Names of the subject's histology targets (e.g. "AF", "NF", "MBP", "Nissl").</summary>
    public IReadOnlyList<string> TargetNames(string subjectId) => throw new NotImplementedException();
    /// <summary>One histology target of a subject.</summary>
    public Volume LoadTarget(string subjectId, string targetName) => throw new NotImplementedException();
}
