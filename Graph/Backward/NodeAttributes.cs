using Onnx;

namespace QuiltNet.Graph.Backward;

/// <summary>Reads a node's attributes with the defaults the ONNX operator specification gives.</summary>
internal static class NodeAttributes
{
    public static bool Has(this NodeProto node, string name) => node.Find(name) is not null;

    public static long Int(this NodeProto node, string name, long fallback) => node.Find(name)?.I ?? fallback;

    public static float Float(this NodeProto node, string name, float fallback) => node.Find(name)?.F ?? fallback;

    public static string String(this NodeProto node, string name, string fallback) =>
        node.Find(name) is { } attribute ? attribute.S.ToStringUtf8() : fallback;

    /// <summary>The integer list, or null when the attribute is absent (absent often means "all axes").</summary>
    public static long[]? Ints(this NodeProto node, string name) => node.Find(name)?.Ints.ToArray();

    /// <summary>Copies of all attributes, for a node that repeats this one's computation.</summary>
    public static AttributeProto[] AttributeCopies(this NodeProto node) => node.Attribute.Select(a => a.Clone()).ToArray();

    private static AttributeProto? Find(this NodeProto node, string name) => node.Attribute.FirstOrDefault(a => a.Name == name);
}
