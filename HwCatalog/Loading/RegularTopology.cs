namespace QuiltNet.HwCatalog.Loading;

/// <summary>The connections of the topologies that one link and a chip count describe.</summary>
internal static class RegularTopology
{
    /// <param name="columns">Grid width, for <see cref="TopologyKind.Mesh2d"/>.</param>
    /// <param name="kind">The topology.</param>
    /// <param name="count">How many chips.</param>
    /// <param name="link">The link every connection uses.</param>
    public static IReadOnlyList<Connection> Connect(TopologyKind kind, int count, int columns, Link link)
    {
        var pairs = kind switch
        {
            TopologyKind.Chain => Chain(count),
            // Two chips in a ring are one pair, not two parallel links.
            TopologyKind.Ring => count < 3 ? Chain(count) : Chain(count).Append((count - 1, 0)),
            TopologyKind.Mesh2d => Mesh(count, columns),
            TopologyKind.FullyConnected =>
                from a in Enumerable.Range(0, count) from b in Enumerable.Range(a + 1, count - a - 1) select (a, b),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a regular topology"),
        };
        return pairs.Select(pair => new Connection(pair.Item1, pair.Item2, link)).ToList();
    }

    private static IEnumerable<(int, int)> Chain(int count) => Enumerable.Range(0, Math.Max(count - 1, 0)).Select(i => (i, i + 1));

    private static IEnumerable<(int, int)> Mesh(int count, int columns)
    {
        for (var i = 0; i < count; i++)
        {
            if ((i + 1) % columns != 0) yield return (i, i + 1);
            if (i + columns < count) yield return (i, i + columns);
        }
    }
}
