using Onnx;

namespace QuiltNet.Graph;

/// <summary>
/// One operator of the model. <see cref="Position"/> is its index among the nodes that compute on the
/// model's inputs (cut positions count these); nodes that only fold constants have no position.
/// </summary>
public sealed class GraphNode
{
    internal GraphNode(NodeProto proto, int position)
    {
        Proto = proto;
        Position = position;
    }

    internal NodeProto Proto { get; }

    public int Position { get; }

    public string Name => string.IsNullOrEmpty(Proto.Name) ? $"{OpType}_{Position}" : Proto.Name;

    public string OpType => Proto.OpType;

    /// <summary>The operator set domain; empty for the default ONNX domain.</summary>
    public string Domain => Proto.Domain;

    /// <summary>Input tensor names; empty strings mark omitted optional inputs.</summary>
    public IReadOnlyList<string> Inputs => Proto.Input;

    public IReadOnlyList<string> Outputs => Proto.Output;
}
