using System.Text.Json;

namespace QuiltNet.HwCatalog.Loading;

internal static class CatalogParser
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static CatalogDocument Parse(string json, string sourceName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            return new CatalogDocument { SourceName = sourceName, ReaderProblems = [Malformed(e)] };
        }

        using (document)
        {
            var root = document.RootElement;
            var problems = DuplicateProperties.Find(root, JsonPath.Root).ToList();
            var top = new EntryReader(root, JsonPath.Root, problems);
            var chipEntries = top.Items("chips").ToList();
            var linkEntries = top.Items("links").ToList();
            var systemEntries = top.Items("systems").ToList();
            var chips = chipEntries.Select(ChipReader.Read).OfType<Chip>().ToList();
            var links = linkEntries.Select(LinkReader.Read).OfType<Link>().ToList();
            var systems = systemEntries.Select(SystemSpecReader.Read).ToList();
            var declaredChips = Declared(chipEntries, "chip");
            var declaredLinks = Declared(linkEntries, "link");
            Declared(systemEntries, "system");
            return new CatalogDocument
            {
                SourceName = sourceName,
                Chips = chips,
                Links = links,
                Systems = systems,
                DeclaredChips = declaredChips,
                DeclaredLinks = declaredLinks,
                ReaderProblems = problems,
                SchemaProblems = CatalogSchema.Check(root).ToList(),
            };
        }
    }

    /// <summary>The entries' names, reporting each name used twice in the list at its second use.</summary>
    private static List<string> Declared(IEnumerable<EntryReader> entries, string what)
    {
        var first = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            if (entry.OptionalText("name") is not { } name) continue;

            if (first.TryGetValue(name, out var firstPath))
            {
                entry.Report("name", $"duplicate {what} name '{name}' (first at {firstPath})");
            }
            else
            {
                first[name] = entry.Path;
            }
        }

        return first.Keys.ToList();
    }

    private static CatalogProblem Malformed(JsonException e)
    {
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) reason = reason[..cut];
        return new CatalogProblem(
            e.Path ?? JsonPath.Root,
            $"malformed JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {reason}");
    }
}
