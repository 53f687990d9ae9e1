namespace QuiltNet.Graph.Backward;

/// <summary>A node on a gradient path whose operator has no gradient rule.</summary>
/// <param name="Blocked">The node's inputs that would need a gradient through it.</param>
/// <param name="Node">The node's name.</param>
/// <param name="OpType">Its ONNX operator.</param>
public sealed record UnsupportedNode(string Node, string OpType, IReadOnlyList<string> Blocked);
