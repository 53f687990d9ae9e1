namespace QuiltNet.HwCatalog.Loading;

/// <summary>One parsed catalog file: its entries, and the problems found reading it, kept apart by who found them
/// so that the more specific message wins when two point at the same field.</summary>
internal sealed class CatalogDocument
{
    public required string SourceName { get; init; }

    public IReadOnlyList<Chip> Chips { get; init; } = [];

    public IReadOnlyList<Link> Links { get; init; } = [];

    public IReadOnlyList<SystemSpec> Systems { get; init; } = [];

    /// <summary>Every name the file gives a chip, valid entry or not: a reference to a broken entry is not also "unknown".</summary>
    public IReadOnlyList<string> DeclaredChips { get; init; } = [];

    public IReadOnlyList<string> DeclaredLinks { get; init; } = [];

    public IReadOnlyList<CatalogProblem> ReaderProblems { get; init; } = [];

    public IReadOnlyList<CatalogProblem> SchemaProblems { get; init; } = [];
}
