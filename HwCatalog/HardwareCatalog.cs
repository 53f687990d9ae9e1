using QuiltNet.HwCatalog.Loading;

namespace QuiltNet.HwCatalog;

/// <summary>
/// Chips, links and systems: the built-in catalog, optionally with a user file layered over it whose entries add to
/// or replace built-in ones by name (names are matched without regard to case).
/// </summary>
public sealed class HardwareCatalog
{
    private static readonly Lazy<IReadOnlyList<CatalogDocument>> BuiltInLayers = new(() =>
        Resources.Named(Resources.CatalogPrefix)
            .Select(name => CatalogParser.Parse(Resources.Text(name), "built-in " + name[Resources.CatalogPrefix.Length..]))
            .ToList());

    private static readonly Lazy<HardwareCatalog> BuiltInCatalog = new(() => CatalogComposer.Compose(BuiltInLayers.Value));

    private readonly NamedList<Chip> chips;
    private readonly NamedList<Link> links;
    private readonly NamedList<HwSystem> systems;

    internal HardwareCatalog(NamedList<Chip> chips, NamedList<Link> links, NamedList<HwSystem> systems)
    {
        this.chips = chips;
        this.links = links;
        this.systems = systems;
    }

    /// <summary>The catalog shipped in this assembly (HwCatalog/Catalog/*.json).</summary>
    public static HardwareCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>Every chip, by name.</summary>
    public IReadOnlyList<Chip> Chips => chips.Items;

    /// <summary>Every link, by name.</summary>
    public IReadOnlyList<Link> Links => links.Items;

    /// <summary>Every system, in the order defined.</summary>
    public IReadOnlyList<HwSystem> Systems => systems.Items;

    /// <summary>The built-in catalog with the file at <paramref name="path"/> layered over it.</summary>
    /// <exception cref="CatalogException">The file is missing, unreadable or has problems (each with its JSON path).</exception>
    public static HardwareCatalog Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CatalogException(path, [new CatalogProblem("", "catalog file not found")]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CatalogException(path, [new CatalogProblem("", $"catalog file cannot be read: {e.Message}")]);
        }

        return FromJson(json, path);
    }

    /// <summary>The built-in catalog with the catalog text <paramref name="json"/> layered over it;
    /// <paramref name="sourceName"/> prefixes each problem in the error.</summary>
    public static HardwareCatalog FromJson(string json, string sourceName) =>
        CatalogComposer.Compose([.. BuiltInLayers.Value, CatalogParser.Parse(json, sourceName)]);

    /// <summary>The chip named <paramref name="name"/>; a <see cref="CatalogException"/> lists the known ones when there is none.</summary>
    public Chip Chip(string name) => chips.Find(name) ?? throw Unknown(chips.Unknown("chip", name));

    /// <summary>The link named <paramref name="name"/>; a <see cref="CatalogException"/> lists the known ones when there is none.</summary>
    public Link Link(string name) => links.Find(name) ?? throw Unknown(links.Unknown("link", name));

    /// <summary>The system named <paramref name="name"/>; a <see cref="CatalogException"/> lists the known ones when there is none.</summary>
    public HwSystem System(string name) => systems.Find(name) ?? throw Unknown(systems.Unknown("system", name));

    private static CatalogException Unknown(string message) => new(null, [new CatalogProblem("", message)]);
}
