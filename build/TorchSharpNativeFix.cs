// Makes TorchSharp's native glue library (libLibTorchSharp.so) loadable on Linux systems whose
// libstdc++ is older than the one it was linked against (Debian 12, Ubuntu 22.04: GCC 12's
// libstdc++ defines versions up to GLIBCXX_3.4.30, the library asks for GLIBCXX_3.4.32).
//
// Why this is safe: GCC 13's <iostream> makes every object that includes it reference the marker
// symbol `std::ios_base_library_init()@GLIBCXX_3.4.32`, which only forces the standard streams to be
// initialised. libLibTorchSharp.so has no relocation against that symbol, so nothing ever calls it;
// only the version check of the dynamic loader refuses the file. This code marks each missing
// libstdc++ version reference as weak (VER_FLG_WEAK in .gnu.version_r), which the loader treats as
// "warn, don't fail". It refuses to do so if any relocation needs a symbol of a missing version,
// because then the library would really be broken on this system.
//
// It runs at build time, on the copy of the library in the project's output folder (never the NuGet
// cache), and does nothing where the system libstdc++ already has every version that is asked for.
// The same file is compiled into the unit tests (with MRH_ELF_TESTS defined) to test the ELF logic.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Mrh.Build
{
    /// <summary>One entry of an ELF .gnu.version_r table: library `File` needs version `Name`.</summary>
    public sealed class ElfVersionNeed
    {
        public string File = "";
        public string Name = "";
        public ushort Flags;
        public ushort Index;
        /// <summary>Byte offset of the Elf64_Vernaux record in the file (its flags are at +4).</summary>
        public long AuxOffset;
        public bool IsWeak { get { return (Flags & ElfVersions.VerFlagWeak) != 0; } }
    }

    public static class ElfVersions
    {
        public const ushort VerFlagWeak = 0x2;
        const uint ShtRel = 9, ShtRela = 4, ShtDynsym = 11;
        const uint ShtVerdef = 0x6ffffffd, ShtVerneed = 0x6ffffffe, ShtVersym = 0x6fffffff;

        struct Section { public uint Type; public long Offset; public long Size; public int Link; public int Info; public long EntSize; }

        static Section[] ReadSections(byte[] b, string what)
        {
            if (b.Length < 64 || b[0] != 0x7f || b[1] != (byte)'E' || b[2] != (byte)'L' || b[3] != (byte)'F')
                throw new InvalidDataException(what + " is not an ELF file");
            if (b[4] != 2 || b[5] != 1)
                throw new InvalidDataException(what + " is not a little-endian 64-bit ELF file");
            long shoff = (long)U64(b, 0x28);
            int shentsize = U16(b, 0x3A), shnum = U16(b, 0x3C);
            if (shoff <= 0 || shnum == 0 || shentsize < 64 || shoff + (long)shnum * shentsize > b.Length)
                throw new InvalidDataException(what + " has no usable section header table");
            var s = new Section[shnum];
            for (int i = 0; i < shnum; i++)
            {
                long h = shoff + (long)i * shentsize;
                s[i].Type = U32(b, h + 4);
                s[i].Offset = (long)U64(b, h + 0x18);
                s[i].Size = (long)U64(b, h + 0x20);
                s[i].Link = (int)U32(b, h + 0x28);
                s[i].Info = (int)U32(b, h + 0x2C);
                s[i].EntSize = (long)U64(b, h + 0x38);
                if (s[i].Type != 8 /* NOBITS */ && (s[i].Offset < 0 || s[i].Offset + s[i].Size > b.Length))
                    throw new InvalidDataException(what + ": section " + i + " lies outside the file");
            }
            return s;
        }

        /// <summary>Version names that a shared library defines (its .gnu.version_d table).</summary>
        public static HashSet<string> ReadDefinitions(byte[] b, string what)
        {
            var result = new HashSet<string>(StringComparer.Ordinal);
            var sections = ReadSections(b, what);
            foreach (var s in sections)
            {
                if (s.Type != ShtVerdef) continue;
                var str = sections[s.Link];
                long off = s.Offset;
                for (int i = 0; i < s.Info; i++)
                {
                    uint aux = U32(b, off + 12), next = U32(b, off + 16);
                    result.Add(CString(b, str, U32(b, off + aux), what));
                    if (next == 0) break;
                    off += next;
                }
            }
            return result;
        }

        /// <summary>Version references of a shared library (its .gnu.version_r table).</summary>
        public static List<ElfVersionNeed> ReadNeeds(byte[] b, string what)
        {
            var result = new List<ElfVersionNeed>();
            var sections = ReadSections(b, what);
            foreach (var s in sections)
            {
                if (s.Type != ShtVerneed) continue;
                var str = sections[s.Link];
                long off = s.Offset;
                for (int i = 0; i < s.Info; i++)
                {
                    int cnt = U16(b, off + 2);
                    string file = CString(b, str, U32(b, off + 4), what);
                    long aux = off + U32(b, off + 8);
                    for (int j = 0; j < cnt; j++)
                    {
                        result.Add(new ElfVersionNeed
                        {
                            File = file,
                            Flags = U16(b, aux + 4),
                            Index = U16(b, aux + 6),
                            Name = CString(b, str, U32(b, aux + 8), what),
                            AuxOffset = aux,
                        });
                        uint nextAux = U32(b, aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = U32(b, off + 12);
                    if (next == 0) break;
                    off += next;
                }
            }
            return result;
        }

        /// <summary>Version indices that some dynamic relocation actually uses (through its symbol).</summary>
        public static HashSet<int> VersionIndicesUsedByRelocations(byte[] b, string what)
        {
            var used = new HashSet<int>();
            var sections = ReadSections(b, what);
            Section? versym = null;
            int dynsymIndex = -1;
            for (int i = 0; i < sections.Length; i++)
            {
                if (sections[i].Type == ShtVersym) versym = sections[i];
                if (sections[i].Type == ShtDynsym) dynsymIndex = i;
            }
            if (versym == null || dynsymIndex < 0) return used;
            foreach (var s in sections)
            {
                if ((s.Type != ShtRela && s.Type != ShtRel) || s.Link != dynsymIndex) continue;
                long ent = s.EntSize > 0 ? s.EntSize : (s.Type == ShtRela ? 24 : 16);
                for (long off = s.Offset; off + ent <= s.Offset + s.Size; off += ent)
                {
                    long sym = (long)(U64(b, off + 8) >> 32);
                    if (sym == 0) continue;
                    long at = versym.Value.Offset + 2 * sym;
                    if (at + 2 > versym.Value.Offset + versym.Value.Size) continue;
                    used.Add(U16(b, at) & 0x7fff);
                }
            }
            return used;
        }

        /// <summary>
        /// Marks as weak every reference to a version of `neededFile` that `available` lacks.
        /// Returns the names made weak (empty: nothing to do). Throws InvalidOperationException if a
        /// relocation needs one of the missing versions (the library cannot work on this system).
        /// </summary>
        public static List<string> RelaxMissing(byte[] b, string what, string neededFile, ICollection<string> available)
        {
            var changed = new List<string>();
            var needs = ReadNeeds(b, what);
            var missing = new List<ElfVersionNeed>();
            foreach (var n in needs)
                if (n.File == neededFile && !available.Contains(n.Name) && !n.IsWeak) missing.Add(n);
            if (missing.Count == 0) return changed;
            var used = VersionIndicesUsedByRelocations(b, what);
            foreach (var n in missing)
                if (used.Contains(n.Index))
                    throw new InvalidOperationException(what + " needs " + n.Name + " from " + neededFile +
                        " for symbols it really uses, and this system's " + neededFile +
                        " does not have it: install a newer libstdc++ (GCC 13 or later) to use TorchSharp here");
            foreach (var n in missing)
            {
                ushort flags = (ushort)(n.Flags | VerFlagWeak);
                b[n.AuxOffset + 4] = (byte)(flags & 0xff);
                b[n.AuxOffset + 5] = (byte)(flags >> 8);
                changed.Add(n.Name);
            }
            return changed;
        }

        /// <summary>The libstdc++.so.6 that the dynamic loader would most likely pick, or null.</summary>
        public static string? FindSystemLibStdCxx()
        {
            var dirs = new List<string>();
            string? ld = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            if (!string.IsNullOrEmpty(ld)) dirs.AddRange(ld.Split(':'));
            dirs.AddRange(new[] {
                "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/usr/local/lib64", "/lib", "/usr/lib" });
            foreach (var d in dirs)
            {
                if (string.IsNullOrEmpty(d)) continue;
                string p = Path.Combine(d, "libstdc++.so.6");
                if (File.Exists(p)) return p;
            }
            return null;
        }

        /// <summary>
        /// Relaxes the library at `libraryPath` in place (atomically, keeping its timestamp so that
        /// incremental builds do not copy it again) against the libstdc++ at `libStdCxxPath`.
        /// </summary>
        public static List<string> RelaxFile(string libraryPath, string libStdCxxPath)
        {
            var available = ReadDefinitions(File.ReadAllBytes(libStdCxxPath), libStdCxxPath);
            byte[] lib = File.ReadAllBytes(libraryPath);
            var changed = RelaxMissing(lib, libraryPath, "libstdc++.so.6", available);
            if (changed.Count == 0) return changed;
            DateTime stamp = File.GetLastWriteTimeUtc(libraryPath);
            string tmp = libraryPath + ".mrh-tmp";
            File.WriteAllBytes(tmp, lib);
            // Replacing (renaming over, not writing through) also breaks any hard link into the NuGet cache.
            File.Replace(tmp, libraryPath, null);
            File.SetLastWriteTimeUtc(libraryPath, stamp);
            return changed;
        }

        static string CString(byte[] b, Section str, uint index, string what)
        {
            long start = str.Offset + index;
            if (index >= str.Size) throw new InvalidDataException(what + ": string index outside .dynstr");
            long end = start;
            while (end < str.Offset + str.Size && b[end] != 0) end++;
            return Encoding.ASCII.GetString(b, (int)start, (int)(end - start));
        }

        static ushort U16(byte[] b, long o) { Check(b, o, 2); return (ushort)(b[o] | b[o + 1] << 8); }
        static uint U32(byte[] b, long o) { Check(b, o, 4); return (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24); }
        static ulong U64(byte[] b, long o) { return U32(b, o) | (ulong)U32(b, o + 4) << 32; }
        static void Check(byte[] b, long o, int n)
        {
            if (o < 0 || o + n > b.Length) throw new InvalidDataException("ELF structure points outside the file");
        }
    }

#if !MRH_ELF_TESTS
    /// <summary>MSBuild task: relaxes every libLibTorchSharp.so given in `Files`.</summary>
    public class RelaxTorchSharpNative : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required]
        public Microsoft.Build.Framework.ITaskItem[] Files { get; set; } = Array.Empty<Microsoft.Build.Framework.ITaskItem>();

        public override bool Execute()
        {
            if (Files.Length == 0) return true;
            string? libstdcxx = ElfVersions.FindSystemLibStdCxx();
            if (libstdcxx == null)
            {
                Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                    "mrh: no libstdc++.so.6 found in the usual places; libLibTorchSharp.so left unchanged");
                return true;
            }
            foreach (var item in Files)
            {
                string path = item.ItemSpec;
                try
                {
                    var changed = ElfVersions.RelaxFile(path, libstdcxx);
                    if (changed.Count > 0)
                        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
                            "mrh: " + path + ": marked " + string.Join(", ", changed) + " weak (not in " + libstdcxx + ")");
                }
                catch (Exception e)
                {
                    Log.LogError("mrh: cannot make TorchSharp's native library load on this system: " + e.Message);
                }
            }
            return !Log.HasLoggedErrors;
        }
    }
#endif
}
