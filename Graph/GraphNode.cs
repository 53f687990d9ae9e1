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

    /// <summary>The node's position: its index among the computing nodes in topological order.</summary>
    public int Position { get; }

    /// <summary>The node's name in the model, or OpType_Position when it has none.</summary>
    public string Name => string.IsNullOrEmpty(Proto.Name) ? $"{OpType}_{Position}" : Proto.Name;

    /// <summary>The ONNX operator.</summary>
    public string OpType => Proto.OpType;

    /// <summary>The operator set domain; empty for the default ONNX domain.</summary>
    public string Domain => Proto.Domain;

    /// <summary>Input tensor names; empty strings mark omitted optional inputs.</summary>
    public IReadOnlyList<string> Inputs => Proto.Input;

    /// <summary>The tensors the node produces.</summary>
    public IReadOnlyList<string> Outputs => Proto.Output;
}
