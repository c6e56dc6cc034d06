using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;

namespace Mrh.Notebooks.Parameters;

/// <summary>
/// Writes a command-line value as a C# literal of a parameter's declared type: string, bool, the integer types,
/// float, double and decimal (and their nullable forms). Other types cannot be set from the command line.
/// </summary>
public static class ParameterLiteral
{
    static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["String"] = "string", ["System.String"] = "string", ["Boolean"] = "bool", ["System.Boolean"] = "bool",
        ["Int32"] = "int", ["System.Int32"] = "int", ["Int64"] = "long", ["System.Int64"] = "long",
        ["Int16"] = "short", ["System.Int16"] = "short", ["Byte"] = "byte", ["System.Byte"] = "byte",
        ["UInt32"] = "uint", ["System.UInt32"] = "uint", ["UInt64"] = "ulong", ["System.UInt64"] = "ulong",
        ["Single"] = "float", ["System.Single"] = "float", ["Double"] = "double", ["System.Double"] = "double",
        ["Decimal"] = "decimal", ["System.Decimal"] = "decimal",
    };

    /// <summary>The literal; throws <see cref="MrhException"/> when the value does not fit the type.</summary>
    public static string For(string type, string name, string value)
    {
        string t = type.Trim();
        bool nullable = t.EndsWith('?');
        if (nullable) t = t[..^1].Trim();
        t = Aliases.GetValueOrDefault(t, t);
        if (nullable && value is "null") return "null";
        var inv = CultureInfo.InvariantCulture;
        string Bad() => $"parameter '{name}' is declared {type} in the parameters cell; '{value}' is not a valid {t}";
        switch (t)
        {
            case "string":
                return SymbolDisplay.FormatLiteral(value, quote: true);
            case "bool":
                return bool.TryParse(value.Trim(), out bool b) ? (b ? "true" : "false") : throw new MrhException(Bad());
            case "int": return Integer(value, int.MinValue, int.MaxValue, "", Bad);
            case "long": return Integer(value, long.MinValue, long.MaxValue, "L", Bad);
            case "short": return Integer(value, short.MinValue, short.MaxValue, "", Bad);
            case "byte": return Integer(value, byte.MinValue, byte.MaxValue, "", Bad);
            case "uint": return Integer(value, 0, uint.MaxValue, "U", Bad);
            case "ulong":
                return ulong.TryParse(value.Trim(), NumberStyles.Integer, inv, out ulong u) ? u.ToString(inv) + "UL" : throw new MrhException(Bad());
            case "double":
            case "float":
                if (!double.TryParse(value.Trim(), NumberStyles.Float, inv, out double d)) throw new MrhException(Bad());
                if (t == "float" && double.IsFinite(d) && Math.Abs(d) > float.MaxValue) throw new MrhException(Bad());
                if (double.IsNaN(d)) return $"{t}.NaN";
                if (double.IsInfinity(d)) return d > 0 ? $"{t}.PositiveInfinity" : $"{t}.NegativeInfinity";
                return t == "float" ? ((float)d).ToString("R", inv) + "f" : d.ToString("R", inv) + "d";
            case "decimal":
                return decimal.TryParse(value.Trim(), NumberStyles.Float, inv, out decimal m) ? m.ToString(inv) + "m" : throw new MrhException(Bad());
            default:
                throw new MrhException(
                    $"parameter '{name}' has type {type} in the parameters cell; only string, bool, integer and floating-point parameters can be set with -p");
        }
    }

    static string Integer(string value, long min, long max, string suffix, Func<string> bad)
    {
        if (!long.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) || v < min || v > max)
            throw new MrhException(bad());
        return v.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    /// <summary>The type papermill-style inference gives a value of an undeclared parameter: bool, int, long, double or string.</summary>
    public static string InferType(string value)
    {
        var inv = CultureInfo.InvariantCulture;
        string v = value.Trim();
        if (bool.TryParse(v, out _)) return "bool";
        if (int.TryParse(v, NumberStyles.Integer, inv, out _)) return "int";
        if (long.TryParse(v, NumberStyles.Integer, inv, out _)) return "long";
        if (double.TryParse(v, NumberStyles.Float, inv, out double d) && double.IsFinite(d)) return "double";
        return "string";
    }
}
