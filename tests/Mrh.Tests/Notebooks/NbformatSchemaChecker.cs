using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mrh.Tests.Notebooks;

/// <summary>
/// A JSON-schema (draft 4) checker for the keywords the nbformat v4 schema uses: $ref, type, enum, not, oneOf,
/// anyOf, allOf, properties, patternProperties, additionalProperties, required, items, uniqueItems, pattern,
/// minLength, maxLength, minimum, maximum. A keyword it does not know makes it throw, so that a new schema cannot
/// pass unchecked. The schema is the public nbformat.v4.5.schema.json, vendored as test data.
/// </summary>
sealed class NbformatSchemaChecker
{
    static readonly HashSet<string> Ignored = ["description", "$schema", "definitions", "title", "default",
        "item"]; // "item": a misspelling of "items" in the published schema; validators ignore it
    readonly JsonObject _root;

    NbformatSchemaChecker(JsonObject root) => _root = root;

    static readonly Lazy<NbformatSchemaChecker> V45 = new(() =>
        new NbformatSchemaChecker(JsonNode.Parse(File.ReadAllText(
            Path.Combine(AppContext.BaseDirectory, "Notebooks", "Schema", "nbformat.v4.5.schema.json")))!.AsObject()));

    /// <summary>The nbformat 4.5 schema.</summary>
    public static NbformatSchemaChecker Nbformat45 => V45.Value;

    /// <summary>Every violation, as "path: problem"; empty when valid.</summary>
    public List<string> Validate(string json)
    {
        var errors = new List<string>();
        Check(_root, JsonNode.Parse(json), "$", errors);
        return errors;
    }

    void Check(JsonObject schema, JsonNode? x, string path, List<string> errors)
    {
        if (schema["$ref"] is JsonValue r)
        {
            Check(Resolve(r.GetValue<string>()), x, path, errors);
            return; // draft 4: siblings of $ref are ignored
        }
        foreach (var (keyword, value) in schema)
        {
            switch (keyword)
            {
                case "type":
                    var types = value is JsonArray ta ? ta.Select(t => t!.GetValue<string>()).ToList() : [value!.GetValue<string>()];
                    if (!types.Any(t => IsType(x, t))) errors.Add($"{path}: expected {string.Join(" or ", types)}, got {Describe(x)}");
                    break;
                case "enum":
                    if (!value!.AsArray().Any(e => JsonNode.DeepEquals(e, x))) errors.Add($"{path}: {Describe(x)} is not one of {value.ToJsonString()}");
                    break;
                case "not":
                    if (Passes(value!.AsObject(), x)) errors.Add($"{path}: matches a schema it must not match");
                    break;
                case "oneOf":
                    var branches = value!.AsArray().Select(s => Errors(s!.AsObject(), x, path)).ToList();
                    int n = branches.Count(b => b.Count == 0);
                    if (n == 0) // name the problems of the closest branch
                        errors.Add($"{path}: matches none of the oneOf schemas; closest: {string.Join("; ", branches.MinBy(b => b.Count)!)}");
                    else if (n > 1) errors.Add($"{path}: matches {n} of the oneOf schemas (must match exactly 1)");
                    break;
                case "anyOf":
                    if (!value!.AsArray().Any(s => Passes(s!.AsObject(), x))) errors.Add($"{path}: matches none of the anyOf schemas");
                    break;
                case "allOf":
                    foreach (var s in value!.AsArray()) Check(s!.AsObject(), x, path, errors);
                    break;
                case "required":
                    if (x is JsonObject ro)
                        foreach (var name in value!.AsArray().Select(v => v!.GetValue<string>()))
                            if (!ro.ContainsKey(name)) errors.Add($"{path}: missing required property '{name}'");
                    break;
                case "properties":
                case "patternProperties":
                case "additionalProperties":
                    if (keyword == "properties" || (keyword == "patternProperties" && !schema.ContainsKey("properties")) ||
                        (keyword == "additionalProperties" && !schema.ContainsKey("properties") && !schema.ContainsKey("patternProperties")))
                        CheckObject(schema, x, path, errors);
                    break;
                case "items":
                    if (x is JsonArray items)
                        for (int i = 0; i < items.Count; i++) Check(value!.AsObject(), items[i], $"{path}[{i}]", errors);
                    break;
                case "uniqueItems":
                    if (x is JsonArray u && value!.GetValue<bool>())
                        for (int i = 0; i < u.Count; i++)
                            for (int j = i + 1; j < u.Count; j++)
                                if (JsonNode.DeepEquals(u[i], u[j])) errors.Add($"{path}: items {i} and {j} are equal");
                    break;
                case "pattern":
                    if (x is JsonValue pv && pv.TryGetValue(out string? ps) && !Regex.IsMatch(ps, value!.GetValue<string>()))
                        errors.Add($"{path}: '{ps}' does not match {value}");
                    break;
                case "minLength":
                    if (x is JsonValue a && a.TryGetValue(out string? s1) && s1.Length < value!.GetValue<int>()) errors.Add($"{path}: shorter than {value}");
                    break;
                case "maxLength":
                    if (x is JsonValue b && b.TryGetValue(out string? s2) && s2.Length > value!.GetValue<int>()) errors.Add($"{path}: longer than {value}");
                    break;
                case "minimum":
                    if (Number(x) is double lo && lo < value!.GetValue<double>()) errors.Add($"{path}: {lo} < minimum {value}");
                    break;
                case "maximum":
                    if (Number(x) is double hi && hi > value!.GetValue<double>()) errors.Add($"{path}: {hi} > maximum {value}");
                    break;
                default:
                    if (!Ignored.Contains(keyword)) throw new NotSupportedException($"schema keyword '{keyword}' is not supported by this checker");
                    break;
            }
        }
    }

    /// <summary>properties, patternProperties and additionalProperties together (each property checked once).</summary>
    void CheckObject(JsonObject schema, JsonNode? x, string path, List<string> errors)
    {
        if (x is not JsonObject o) return;
        var props = schema["properties"] as JsonObject;
        var patterns = schema["patternProperties"] as JsonObject;
        var additional = schema["additionalProperties"];
        foreach (var (name, value) in o)
        {
            bool matched = false;
            if (props?[name] is JsonObject ps) { Check(ps, value, $"{path}.{name}", errors); matched = true; }
            if (patterns != null)
                foreach (var (pattern, pschema) in patterns)
                    if (Regex.IsMatch(name, pattern)) { Check(pschema!.AsObject(), value, $"{path}.{name}", errors); matched = true; }
            if (matched) continue;
            if (additional is JsonValue av && av.GetValue<bool>() == false) errors.Add($"{path}: property '{name}' is not allowed");
            else if (additional is JsonObject aschema) Check(aschema, value, $"{path}.{name}", errors);
        }
    }

    bool Passes(JsonObject schema, JsonNode? x) => Errors(schema, x, "").Count == 0;

    List<string> Errors(JsonObject schema, JsonNode? x, string path)
    {
        var errors = new List<string>();
        Check(schema, x, path, errors);
        return errors;
    }

    JsonObject Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal)) throw new NotSupportedException($"$ref '{reference}'");
        JsonNode node = _root;
        foreach (var part in reference[2..].Split('/')) node = node[part] ?? throw new InvalidDataException($"$ref '{reference}' not found");
        return node.AsObject();
    }

    static bool IsType(JsonNode? x, string type) => type switch
    {
        "null" => x is null,
        "object" => x is JsonObject,
        "array" => x is JsonArray,
        "string" => x is JsonValue v && v.TryGetValue(out string? _),
        "boolean" => x is JsonValue b && b.TryGetValue(out bool _),
        "integer" => Number(x) is double d && d == Math.Floor(d),
        "number" => Number(x) is not null,
        _ => throw new NotSupportedException($"type '{type}'"),
    };

    static double? Number(JsonNode? x) =>
        x is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? v.GetValue<double>() : null;

    static string Describe(JsonNode? x) => x is null ? "null" : x.GetValueKind().ToString().ToLowerInvariant();
}
