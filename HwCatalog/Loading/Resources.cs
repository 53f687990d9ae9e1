namespace QuiltNet.HwCatalog.Loading;

/// <summary>Text embedded in this assembly (see HwCatalog.csproj for the names).</summary>
internal static class Resources
{
    public const string CatalogPrefix = "QuiltNet.HwCatalog.Catalog.";
    public const string Schema = "QuiltNet.HwCatalog.catalog.schema.json";

    public static IEnumerable<string> Named(string prefix) =>
        typeof(Resources).Assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    public static string Text(string name)
    {
        using var stream = typeof(Resources).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource {name} is not embedded in {typeof(Resources).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
