using System.Text.Json;
using System.Text.RegularExpressions;

namespace QuiltNet.HwCatalog.Loading;

/// <summary>Builds the JSONPath text (<c>$.systems[2].topology.links[0].to</c>) that problems point at.</summary>
internal static partial class JsonPath
{
    public const string Root = "$";

    public static string Property(string parent, string name) =>
        Identifier().IsMatch(name) ? $"{parent}.{name}" : $"{parent}['{name.Replace("\\", "\\\\").Replace("'", "\\'")}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    /// <summary>The path of the JSON Pointer <paramref name="pointer"/> inside <paramref name="root"/>;
    /// the document decides whether a segment such as <c>0</c> is an array index or a property name.</summary>
    public static string FromPointer(IEnumerable<string> pointer, JsonElement root)
    {
        var path = Root;
        JsonElement? at = root;
        foreach (var segment in pointer)
        {
            if (at is { ValueKind: JsonValueKind.Array } array && int.TryParse(segment, out var index))
            {
                path = Index(path, index);
                at = index < array.GetArrayLength() ? array[index] : null;
            }
            else
            {
                path = Property(path, segment);
                at = at is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(segment, out var child) ? child : null;
            }
        }

        return path;
    }

    /// <summary>The unescaped segments of a JSON Pointer (RFC 6901).</summary>
    public static IReadOnlyList<string> Segments(string pointer) =>
        pointer.Split('/').Skip(1).Select(raw => raw.Replace("~1", "/").Replace("~0", "~")).ToArray();

    /// <summary>Orders paths so that <c>[2]</c> comes before <c>[10]</c>.</summary>
    public static int Compare(string left, string right)
    {
        var leftParts = Pieces().Matches(left);
        var rightParts = Pieces().Matches(right);
        for (var i = 0; i < Math.Min(leftParts.Count, rightParts.Count); i++)
        {
            var (a, b) = (leftParts[i].Value, rightParts[i].Value);
            var order = long.TryParse(a, out var x) && long.TryParse(b, out var y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);
            if (order != 0) return order;
        }

        return leftParts.Count.CompareTo(rightParts.Count);
    }

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\d+|\D+")]
    private static partial Regex Pieces();
}
