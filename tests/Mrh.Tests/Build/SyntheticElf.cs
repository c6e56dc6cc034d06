using System.Text;

namespace Mrh.Tests.Build;

/// <summary>
/// Builds small, valid ELF64 little-endian files byte by byte (following the System V gABI and the
/// GNU symbol-versioning layout), so the patcher is tested on files whose every byte we know.
/// </summary>
static class SyntheticElf
{
    /// <summary>
    /// A library needing GLIBCXX_3.4 (version index 2) and GLIBCXX_3.4.32 (index 3) from libstdc++.so.6.
    /// Symbol 1 is bound to version 2, symbol 2 to version 3; <paramref name="relocatedSymbols"/> get
    /// one R_X86_64_GLOB_DAT relocation each.
    /// </summary>
    public static byte[] Needing(params int[] relocatedSymbols)
    {
        var str = new StrTab();
        int lib = str.Add("libstdc++.so.6"), v34 = str.Add("GLIBCXX_3.4"), v3432 = str.Add("GLIBCXX_3.4.32");
        str.Add("sym_a"); str.Add("sym_b");
        var dynsym = new byte[3 * 24];
        var versym = new byte[6];
        W16(versym, 2, 2); W16(versym, 4, 3);
        var verneed = new byte[16 + 2 * 16];
        W16(verneed, 0, 1); W16(verneed, 2, 2); W32(verneed, 4, lib); W32(verneed, 8, 16); W32(verneed, 12, 0);
        Aux(verneed, 16, ElfHash("GLIBCXX_3.4"), 0, 2, v34, 16);
        Aux(verneed, 32, ElfHash("GLIBCXX_3.4.32"), 0, 3, v3432, 0);
        var rela = new byte[24 * relocatedSymbols.Length];
        for (int i = 0; i < relocatedSymbols.Length; i++)
        {
            W64(rela, 24 * i, (ulong)(0x1000 + 8 * i));
            W64(rela, 24 * i + 8, ((ulong)relocatedSymbols[i] << 32) | 6);
        }
        return Assemble(
            (".dynstr", 3, str.Bytes(), 0, 0, 0),
            (".dynsym", 11, dynsym, 1, 1, 24),
            (".gnu.version", 0x6fffffff, versym, 2, 0, 2),
            (".gnu.version_r", 0x6ffffffe, verneed, 1, 1, 0),
            (".rela.dyn", 4, rela, 2, 0, 24));
    }

    /// <summary>A library defining the given version names (.gnu.version_d).</summary>
    public static byte[] Defining(params string[] versions)
    {
        var str = new StrTab();
        var names = versions.Select(str.Add).ToArray();
        var verdef = new byte[versions.Length * 28];
        for (int i = 0; i < versions.Length; i++)
        {
            int o = i * 28;
            W16(verdef, o, 1); W16(verdef, o + 2, i == 0 ? 1 : 0); W16(verdef, o + 4, i + 1); W16(verdef, o + 6, 1);
            W32(verdef, o + 8, ElfHash(versions[i])); W32(verdef, o + 12, 20); W32(verdef, o + 16, i + 1 < versions.Length ? 28 : 0);
            W32(verdef, o + 20, names[i]); W32(verdef, o + 24, 0);
        }
        return Assemble((".dynstr", 3, str.Bytes(), 0, 0, 0), (".gnu.version_d", 0x6ffffffd, verdef, 1, versions.Length, 0));
    }

    static void Aux(byte[] b, int o, uint hash, ushort flags, ushort other, int name, int next)
    {
        W32(b, o, (int)hash); W16(b, o + 4, flags); W16(b, o + 6, other); W32(b, o + 8, name); W32(b, o + 12, next);
    }

    /// <summary>ELF header, then the section contents, then the section header table.</summary>
    static byte[] Assemble(params (string Name, uint Type, byte[] Data, int Link, int Info, int EntSize)[] sections)
    {
        var shstr = new StrTab();
        var nameIdx = sections.Select(s => shstr.Add(s.Name)).ToArray();
        int shstrName = shstr.Add(".shstrtab");
        var body = new List<byte>();
        var offsets = new long[sections.Length];
        for (int i = 0; i < sections.Length; i++)
        {
            while (body.Count % 8 != 0) body.Add(0);
            offsets[i] = 64 + body.Count;
            body.AddRange(sections[i].Data);
        }
        long shstrOff = 64 + body.Count;
        body.AddRange(shstr.Bytes());
        while (body.Count % 8 != 0) body.Add(0);
        long shoff = 64 + body.Count;
        int shnum = sections.Length + 2;
        var file = new byte[shoff + 64 * shnum];
        file[0] = 0x7f; file[1] = (byte)'E'; file[2] = (byte)'L'; file[3] = (byte)'F';
        file[4] = 2; file[5] = 1; file[6] = 1;
        W16(file, 16, 3); W16(file, 18, 62); W32(file, 20, 1);
        W64(file, 0x28, (ulong)shoff); W16(file, 0x34, 64); W16(file, 0x3A, 64); W16(file, 0x3C, shnum); W16(file, 0x3E, shnum - 1);
        body.ToArray().CopyTo(file, 64);
        for (int i = 0; i < sections.Length; i++)
        {
            long h = shoff + 64 * (i + 1);
            var s = sections[i];
            W32(file, h, nameIdx[i]); W32(file, h + 4, (int)s.Type); W64(file, h + 0x18, (ulong)offsets[i]);
            W64(file, h + 0x20, (ulong)s.Data.Length); W32(file, h + 0x28, s.Link); W32(file, h + 0x2C, s.Info);
            W64(file, h + 0x38, (ulong)s.EntSize);
        }
        long last = shoff + 64 * (shnum - 1);
        W32(file, last, shstrName); W32(file, last + 4, 3); W64(file, last + 0x18, (ulong)shstrOff); W64(file, last + 0x20, (ulong)shstr.Bytes().Length);
        return file;
    }

    /// <summary>The System V ELF hash (gABI), as stored in vna_hash / vd_hash.</summary>
    public static uint ElfHash(string name)
    {
        uint h = 0;
        foreach (char c in name)
        {
            h = (h << 4) + c;
            uint g = h & 0xf0000000;
            if (g != 0) h ^= g >> 24;
            h &= ~g;
        }
        return h;
    }

    sealed class StrTab
    {
        readonly List<byte> _b = [0];
        public int Add(string s) { int at = _b.Count; _b.AddRange(Encoding.ASCII.GetBytes(s)); _b.Add(0); return at; }
        public byte[] Bytes() => _b.ToArray();
    }

    static void W16(byte[] b, long o, int v) { b[o] = (byte)v; b[o + 1] = (byte)(v >> 8); }
    static void W32(byte[] b, long o, int v) { for (int i = 0; i < 4; i++) b[o + i] = (byte)(v >> (8 * i)); }
    static void W32(byte[] b, long o, uint v) => W32(b, o, (int)v);
    static void W64(byte[] b, long o, ulong v) { for (int i = 0; i < 8; i++) b[o + i] = (byte)(v >> (8 * i)); }
}
