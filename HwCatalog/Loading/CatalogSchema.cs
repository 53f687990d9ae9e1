using System.Globalization;
using System.Text.Json;
using Json.Schema;

namespace QuiltNet.HwCatalog.Loading;

/// <summary>catalog.schema.json, and its verdicts turned into one problem per field.</summary>
internal static class CatalogSchema
{
    // A private registry: the global one refuses a second schema with the same $id, which a host may well build.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(Resources.Text(Resources.Schema), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    private static readonly EvaluationOptions Options = new()
    {
        OutputFormat = OutputFormat.List,
        Culture = CultureInfo.InvariantCulture,
    };

    public static IEnumerable<CatalogProblem> Check(JsonElement root)
    {
        var results = Schema.Value.Evaluate(root, Options);
        if (results.IsValid) yield break;

        foreach (var node in results.Details ?? [])
        {
            // An "if" that fails only picks the "else" branch; its errors are not the document's.
            if (node.Errors is null || node.EvaluationPath.ToString().Split('/').Contains("if")) continue;

            var pointer = JsonPath.Segments(node.InstanceLocation.ToString());
            var evaluationPath = node.EvaluationPath.ToString();
            foreach (var (keyword, message) in node.Errors)
            {
                foreach (var problem in Explain(pointer, root, evaluationPath, keyword, message))
                {
                    yield return problem;
                }
            }
        }
    }

    private static IEnumerable<CatalogProblem> Explain(
        IReadOnlyList<string> pointer, JsonElement root, string evaluationPath, string keyword, string message)
    {
        var path = JsonPath.FromPointer(pointer, root);
        switch (keyword)
        {
            // Point at each missing field rather than at the object that lacks it.
            case "required" when MissingNames(message) is { } names:
                return names.Select(name => new CatalogProblem(JsonPath.Property(path, name), "is required but missing"));

            // A false schema: a property that has no place here.
            case "":
                var name = pointer.Count == 0 ? "" : pointer[^1];
                return [new CatalogProblem(path, evaluationPath.EndsWith("/additionalProperties", StringComparison.Ordinal)
                    ? $"unknown property '{name}'"
                    : $"property '{name}' is not allowed here")];

            default:
                return [new CatalogProblem(path, message)];
        }
    }

    // JsonSchema.Net says: Required properties ["a","b"] are not present.
    private static string[]? MissingNames(string message)
    {
        var (start, end) = (message.IndexOf('['), message.LastIndexOf(']'));
        if (start < 0 || end < start) return null;
        try
        {
            return JsonSerializer.Deserialize<string[]>(message[start..(end + 1)]);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
