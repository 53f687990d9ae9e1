namespace QuiltNet.Graph;

internal static class Attributes
{
    public static long Int(GraphNode node, string name, long fallback) =>
        node.Proto.Attribute.FirstOrDefault(a => a.Name == name) is { } attribute ? attribute.I : fallback;

    public static IReadOnlyList<long> Ints(GraphNode node, string name) =>
        node.Proto.Attribute.FirstOrDefault(a => a.Name == name)?.Ints ?? (IReadOnlyList<long>)[];
}
