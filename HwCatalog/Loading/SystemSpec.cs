namespace QuiltNet.HwCatalog.Loading;

/// <summary>A system as written: names not yet resolved, and paths to point problems at. Parts that could not be
/// read are null or left out, so that what can be checked still is.</summary>
internal sealed record SystemSpec(
    string? Name,
    string Description,
    IReadOnlyList<ChipSpec> Chips,
    TopologySpec? Topology,
    string? HostLink,
    bool Complete,
    string Path);

/// <param name="Id">Null for the default ids chip0, chip1, ... by position.</param>
/// <param name="Chip">The chip's name in the catalog.</param>
/// <param name="Count">How many of it.</param>
/// <param name="Path">Where the entry is in the JSON, for errors.</param>
internal sealed record ChipSpec(string? Chip, string? Id, int Count, string Path);

internal sealed record TopologySpec(
    TopologyKind? Kind,
    string? Link,
    int? Rows,
    int? Columns,
    IReadOnlyList<EdgeSpec> Edges,
    string Path);

internal sealed record EdgeSpec(string? From, string? To, string? Link, string Path);
