// Takes plotly.js out of the Plotly.NET package's assembly at build time, so that the library can carry the
// script as its own resource and draw figures offline without referencing Plotly.NET (which cannot load in the
// .NET Interactive kernel). A .NET assembly stores each manifest resource as a 4-byte little-endian length
// followed by the bytes; the plotly.js resource starts with its licence header "/**\n* plotly.js vX.Y.Z".
#nullable enable
using System;
using System.IO;
using System.Text;

namespace Mrh.Build
{
    public class ExtractPlotlyJs : Microsoft.Build.Utilities.Task
    {
        [Microsoft.Build.Framework.Required] public string Assembly { get; set; } = "";
        [Microsoft.Build.Framework.Required] public string Output { get; set; } = "";
        [Microsoft.Build.Framework.Output] public string Version { get; set; } = "";

        public override bool Execute()
        {
            try
            {
                byte[] dll = File.ReadAllBytes(Assembly);
                byte[] header = Encoding.ASCII.GetBytes("/**\n* plotly.js v");
                int start = IndexOf(dll, header);
                if (start < 4) throw new InvalidDataException("no plotly.js resource in " + Assembly);
                int length = BitConverter.ToInt32(dll, start - 4);
                if (length < 100_000 || (long)start + length > dll.Length)
                    throw new InvalidDataException("the plotly.js resource of " + Assembly + " has an implausible length " + length);
                int v = start + header.Length, end = v;
                while (end < dll.Length && dll[end] != (byte)'\n') end++;
                Version = Encoding.ASCII.GetString(dll, v, end - v).Trim();
                byte[] script = new byte[length];
                Array.Copy(dll, start, script, 0, length);
                if (File.Exists(Output) && Same(File.ReadAllBytes(Output), script)) return true;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(Output))!);
                string tmp = Output + ".tmp";
                File.WriteAllBytes(tmp, script);
                if (File.Exists(Output)) File.Delete(Output);
                File.Move(tmp, Output);
                return true;
            }
            catch (Exception e) when (e is IOException || e is InvalidDataException || e is UnauthorizedAccessException)
            {
                Log.LogError("plotly.js: " + e.Message);
                return false;
            }
        }

        static bool Same(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++) if (a[i] != b[i]) return false;
            return true;
        }

        static int IndexOf(byte[] haystack, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= haystack.Length; i++)
            {
                int k = 0;
                while (k < needle.Length && haystack[i + k] == needle[k]) k++;
                if (k == needle.Length) return i;
            }
            return -1;
        }
    }
}
