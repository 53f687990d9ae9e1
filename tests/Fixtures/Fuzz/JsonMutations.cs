using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace QuiltNet.Testing.Fuzz;

/// <summary>
/// Mutations of a JSON input (a hardware catalog, plan.json, manifest.json): deleted keys, values of the wrong type,
/// negative, NaN and huge figures, unknown names, hashes that do not match, paths that leave the folder, duplicated
/// entries, and a cut-off or bit-flipped text.
/// </summary>
public static class JsonMutations
{
    private const string NotANumber = "__not_a_number__";
    private static readonly string[] Numbers = ["-1", "0", "1e308", "-1e308", "2147483648", "9223372036854775807", "1e-320", "0.5", "-0", "1e400"];
    private static readonly string[] HostilePaths = ["../../etc/passwd", "/etc/passwd", "/dev/zero", "..", "", "stage0.onnx/../../x.onnx", "/proc/self/environ", "\u0000.onnx"];

    public static (string Text, string Mutation) Mutate(string text, Random random)
    {
        if (random.Next(8) == 0)
        {
            var (bytes, mutation) = ByteMutations.Mutate(Encoding.UTF8.GetBytes(text), random, Encoding.UTF8.GetBytes(text));
            return (Encoding.UTF8.GetString(bytes), mutation);
        }
        var root = JsonNode.Parse(text)!;
        var nodes = new List<(JsonNode? Node, JsonNode Parent, string Path)>();
        Collect(root, "$", nodes);
        string description = random.Next(9) switch
        {
            0 => DeleteKey(nodes, random),
            1 => Replace(nodes, random, n => true, () => WrongType(random), "a value of the wrong type"),
            2 => Replace(nodes, random, IsNumber, () => Number(random), "an extreme figure"),
            3 => Replace(nodes, random, IsString, null, "an unknown name", rename: true),
            4 => Replace(nodes, random, IsHash, null, "a hash that does not match", flipHash: true),
            5 => Replace(nodes, random, IsPath, () => JsonValue.Create(HostilePaths[random.Next(HostilePaths.Length)]), "a path out of the folder"),
            6 => Duplicate(nodes, random),
            7 => Replace(nodes, random, IsNumber, () => JsonValue.Create(NotANumber), "NaN"),
            _ => Truncate(ref text, random),
        };
        if (description.StartsWith("truncated", StringComparison.Ordinal)) return (text, description);
        string json = root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return (json.Replace($"\"{NotANumber}\"", "NaN", StringComparison.Ordinal), description);
    }

    private static void Collect(JsonNode? node, string path, List<(JsonNode?, JsonNode, string)> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    into.Add((value, o, $"{path}.{key}"));
                    Collect(value, $"{path}.{key}", into);
                }
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    into.Add((a[i], a, $"{path}[{i}]"));
                    Collect(a[i], $"{path}[{i}]", into);
                }
                break;
        }
    }

    private static bool IsNumber(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number;

    private static bool IsString(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String;

    private static bool IsHash(JsonNode? n) => IsString(n) && n!.GetValue<string>() is { Length: 64 } s && s.All(char.IsAsciiHexDigit);

    private static bool IsPath(JsonNode? n) => IsString(n) && n!.GetValue<string>() is var s
        && (s.EndsWith(".onnx", StringComparison.Ordinal) || s.EndsWith(".json", StringComparison.Ordinal) || s.Contains('/', StringComparison.Ordinal));

    private static JsonNode? WrongType(Random random) => random.Next(6) switch
    {
        0 => JsonValue.Create("text"),
        1 => JsonValue.Create(42),
        2 => JsonValue.Create(true),
        3 => null,
        4 => new JsonArray(),
        _ => new JsonObject(),
    };

    private static JsonNode Number(Random random) => JsonNode.Parse(Numbers[random.Next(Numbers.Length)].Replace("1e400", "1e308", StringComparison.Ordinal))!;

    private static string DeleteKey(List<(JsonNode? Node, JsonNode Parent, string Path)> nodes, Random random)
    {
        var keyed = nodes.Where(n => n.Parent is JsonObject).ToList();
        if (keyed.Count == 0) return "no key to delete";
        var (_, parent, path) = keyed[random.Next(keyed.Count)];
        ((JsonObject)parent).Remove(path[(path.LastIndexOf('.') + 1)..]);
        return $"{path} deleted";
    }

    private static string Replace(List<(JsonNode? Node, JsonNode Parent, string Path)> nodes, Random random, Func<JsonNode?, bool> which,
        Func<JsonNode?>? replacement, string what, bool rename = false, bool flipHash = false)
    {
        var candidates = nodes.Where(n => which(n.Node)).ToList();
        if (candidates.Count == 0) return $"nothing to replace with {what}";
        var (node, parent, path) = candidates[random.Next(candidates.Count)];
        JsonNode? value = rename ? JsonValue.Create("no-such-" + node!.GetValue<string>())
            : flipHash ? JsonValue.Create(FlipHex(node!.GetValue<string>(), random))
            : replacement!();
        switch (parent)
        {
            case JsonObject o:
                o[path[(path.LastIndexOf('.') + 1)..]] = value;
                break;
            case JsonArray a:
                a[int.Parse(path[(path.LastIndexOf('[') + 1)..^1], CultureInfo.InvariantCulture)] = value;
                break;
        }
        return $"{path} set to {what}";
    }

    private static string FlipHex(string hex, Random random)
    {
        var chars = hex.ToCharArray();
        int at = random.Next(chars.Length);
        chars[at] = chars[at] == '0' ? '1' : '0';
        return new string(chars);
    }

    private static string Duplicate(List<(JsonNode? Node, JsonNode Parent, string Path)> nodes, Random random)
    {
        var elements = nodes.Where(n => n.Parent is JsonArray && n.Node is not null).ToList();
        if (elements.Count == 0) return "no array element to duplicate";
        var (node, parent, path) = elements[random.Next(elements.Count)];
        ((JsonArray)parent).Add(node!.DeepClone());
        return $"{path} duplicated";
    }

    private static string Truncate(ref string text, Random random)
    {
        int length = random.Next(text.Length);
        text = text[..length];
        return $"truncated to {length} of its characters";
    }
}
