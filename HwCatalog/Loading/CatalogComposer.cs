namespace QuiltNet.HwCatalog.Loading;

/// <summary>Layers parsed files (built-in first, the user's last), resolves the systems that survive the layering,
/// and fails with every problem of the first file that has any.</summary>
internal static class CatalogComposer
{
    public static HardwareCatalog Compose(IReadOnlyList<CatalogDocument> layers)
    {
        var chips = NamedList<Chip>.Layered(layers.SelectMany(layer => layer.Chips), chip => chip.Name);
        var links = NamedList<Link>.Layered(layers.SelectMany(layer => layer.Links), link => link.Name);
        var resolver = new SystemResolver(
            chips,
            links,
            layers.SelectMany(layer => layer.DeclaredChips).ToHashSet(StringComparer.OrdinalIgnoreCase),
            layers.SelectMany(layer => layer.DeclaredLinks).ToHashSet(StringComparer.OrdinalIgnoreCase));

        var specs = layers.SelectMany(layer => layer.Systems.Select(spec => new Entry(layer, spec))).ToList();
        var named = NamedList<Entry>.Layered(specs.Where(entry => entry.Spec.Name is not null), entry => entry.Spec.Name!);

        // Unnamed systems are never built, but their references are still worth checking.
        var unnamed = specs.Where(entry => entry.Spec.Name is null);
        var resolutionProblems = layers.ToDictionary(layer => layer, _ => new List<CatalogProblem>());
        var systems = named.Items.Concat(unnamed)
            .Select(entry => resolver.Resolve(entry.Spec, resolutionProblems[entry.Layer]))
            .OfType<HwSystem>()
            .ToList();

        foreach (var layer in layers)
        {
            // One problem per field; the reader and resolver know what a field means, the schema only its shape.
            var problems = layer.ReaderProblems
                .Concat(resolutionProblems[layer])
                .Concat(layer.SchemaProblems)
                .DistinctBy(problem => problem.Path)
                .Order(Comparer<CatalogProblem>.Create((a, b) => JsonPath.Compare(a.Path, b.Path)))
                .ToList();
            if (problems.Count > 0) throw new CatalogException(layer.SourceName, problems);
        }

        return new HardwareCatalog(chips, links, NamedList<HwSystem>.Layered(systems, system => system.Name));
    }

    private sealed record Entry(CatalogDocument Layer, SystemSpec Spec);
}
