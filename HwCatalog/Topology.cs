namespace QuiltNet.HwCatalog;

/// <summary>How a system's chips were declared to connect; the resolved links are in <see cref="HwSystem.Connections"/>.</summary>
/// <param name="Rows">Grid rows, for <see cref="TopologyKind.Mesh2d"/> only.</param>
/// <param name="Columns">Grid columns, for <see cref="TopologyKind.Mesh2d"/> only.</param>
/// <param name="Kind">The shape of the network.</param>
public sealed record Topology(TopologyKind Kind, int? Rows = null, int? Columns = null);
