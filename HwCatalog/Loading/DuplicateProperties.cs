using System.Text.Json;

namespace QuiltNet.HwCatalog.Loading;

/// <summary>A property written twice in one object: JSON parsers keep one silently, so the other edit would be lost.</summary>
internal static class DuplicateProperties
{
    public static IEnumerable<CatalogProblem> Find(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                foreach (var problem in Find(item, JsonPath.Index(path, index++))) yield return problem;
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var propertyPath = JsonPath.Property(path, property.Name);
                if (!seen.Add(property.Name)) yield return new CatalogProblem(propertyPath, $"property '{property.Name}' appears more than once");
                foreach (var problem in Find(property.Value, propertyPath)) yield return problem;
            }
        }
    }
}
