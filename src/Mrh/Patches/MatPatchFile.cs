using PureHDF;

namespace Mrh.Patches;

/// <summary>
/// The authors' prepared patch files: MATLAB v7.3 .mat (HDF5) with <c>data</c> (p x p x C x N) and
/// <c>label</c> (p x p x N). MATLAB stores arrays column-major, so HDF5 reports the dims reversed
/// ([N][C][p][p], the last varying fastest, which is MATLAB's first index, the row). Rows and columns
/// are put back in row-major order by <see cref="PatchSet.FromMatlabLayout"/>: patch row = MATLAB's first
/// index. The subject of every patch is the file name.
/// </summary>
public static class MatPatchFile
{
    static readonly byte[] Hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    public static PatchSet Read(string path, string dataName = "data", string labelName = "label")
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new MrhException($"{path}: file not found");
        CheckSignature(path, info.Length);
        try
        {
            using var file = H5File.OpenRead(path);
            var (inputs, inDims) = ReadFloats(file, dataName, path, info.Length);
            var (labels, labelDims) = ReadFloats(file, labelName, path, info.Length);
            // HDF5 dims: data [N][C][p][p] (or [C][p][p] when MATLAB dropped N = 1), label [N][p][p] (or [p][p])
            if (inDims.Length is < 3 or > 4) throw new MrhException($"{path}: '{dataName}' has {inDims.Length} dims, expected p x p x C x N");
            if (labelDims.Length is < 2 or > 3) throw new MrhException($"{path}: '{labelName}' has {labelDims.Length} dims, expected p x p x N");
            int n = inDims.Length == 4 ? inDims[0] : 1;
            int c = inDims[^3], p = inDims[^1];
            if (inDims[^2] != p) throw new MrhException($"{path}: '{dataName}' patches are {inDims[^1]} x {inDims[^2]}, not square");
            int nl = labelDims.Length == 3 ? labelDims[0] : 1;
            if (labelDims[^1] != p || labelDims[^2] != p)
                throw new MrhException($"{path}: '{labelName}' patches are {labelDims[^1]} x {labelDims[^2]}, but '{dataName}' patches are {p} x {p}");
            if (nl != n) throw new MrhException($"{path}: '{dataName}' holds {n} patches but '{labelName}' holds {nl}");
            return PatchSet.FromMatlabLayout(inputs, labels, p, c, Path.GetFileNameWithoutExtension(path));
        }
        catch (MrhException) { throw; }
        catch (OutOfMemoryException) { throw; }
        catch (Exception e)
        {
            throw new MrhException($"{path}: cannot read as a MATLAB v7.3 (HDF5) file ({e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    static void CheckSignature(string path, long length)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buf = new byte[8];
        // HDF5 looks for its superblock at 0, 512, 1024, 2048, ...; MATLAB puts a 512-byte text header first
        for (long offset = 0; offset + 8 <= length; offset = offset == 0 ? 512 : offset * 2)
        {
            fs.Position = offset;
            fs.ReadExactly(buf);
            if (buf.AsSpan().SequenceEqual(Hdf5Signature)) return;
        }
        fs.Position = 0;
        var head = new byte[Math.Min(116, (int)Math.Min(length, 116))];
        fs.ReadExactly(head);
        string text = System.Text.Encoding.ASCII.GetString(head);
        if (text.StartsWith("MATLAB 5.0 MAT-file", StringComparison.Ordinal))
            throw new MrhException($"{path}: a MATLAB v5/v7 .mat file, not v7.3 (HDF5); save it in MATLAB with save(..., '-v7.3')");
        throw new MrhException($"{path}: not an HDF5 file (no HDF5 signature), so not a MATLAB v7.3 .mat file");
    }

    static (float[] Values, int[] Dims) ReadFloats(IH5Group file, string name, string path, long fileLength)
    {
        if (!file.LinkExists(name)) throw new MrhException($"{path}: no variable '{name}' in the file");
        var ds = file.Dataset(name);
        var dims = ds.Space.Dimensions;
        long count = 1;
        foreach (var d in dims)
        {
            if (d == 0 || d > int.MaxValue) throw new MrhException($"{path}: '{name}' has an empty or impossible dimension ({string.Join(" x ", dims)})");
            count *= (long)d;
            if (count > Array.MaxLength) throw new MrhException($"{path}: '{name}' ({string.Join(" x ", dims)}) is too large for one array");
        }
        var type = ds.Type;
        int size = type.Size;
        if ((double)count * size > (double)fileLength * 1032 + 4096)
            throw new MrhException($"{path}: '{name}' claims {string.Join(" x ", dims)} values, more than the file can hold");
        float[] values = type.Class switch
        {
            H5DataTypeClass.FloatingPoint when size == 4 => ds.Read<float[]>(),
            H5DataTypeClass.FloatingPoint when size == 8 => ds.Read<double[]>().Select(v => (float)v).ToArray(),
            H5DataTypeClass.FixedPoint => ReadIntegers(ds, size, type.FixedPoint.IsSigned, path, name),
            _ => throw new MrhException($"{path}: '{name}' has HDF5 type {type.Class} ({size} bytes); expected numbers"),
        };
        if (values.Length != count) throw new MrhException($"{path}: '{name}' read {values.Length} values, expected {count}");
        return (values, dims.Select(d => (int)d).ToArray());
    }

    static float[] ReadIntegers(IH5Dataset ds, int size, bool signed, string path, string name) => (size, signed) switch
    {
        (1, false) => ds.Read<byte[]>().Select(v => (float)v).ToArray(),
        (1, true) => ds.Read<sbyte[]>().Select(v => (float)v).ToArray(),
        (2, false) => ds.Read<ushort[]>().Select(v => (float)v).ToArray(),
        (2, true) => ds.Read<short[]>().Select(v => (float)v).ToArray(),
        (4, false) => ds.Read<uint[]>().Select(v => (float)v).ToArray(),
        (4, true) => ds.Read<int[]>().Select(v => (float)v).ToArray(),
        _ => throw new MrhException($"{path}: '{name}' has {size}-byte integers, not supported"),
    };
}
