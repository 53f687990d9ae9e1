namespace QuiltNet.Graph.Backward;

/// <summary>
/// A node between a tensor that needs a gradient and a model output has an operator (or a variant of
/// one) that QuiltNet cannot differentiate, so no backward graph can be generated through it.
/// </summary>
public sealed class NoGradientRuleException : QuiltNetException
{
    /// <summary>Reports that the node <paramref name="nodeName"/>, an <paramref name="opType"/>, has no gradient rule.</summary>
    /// <param name="nodeName">The node's name in the model.</param>
    /// <param name="opType">The node's ONNX operator.</param>
    /// <param name="detail">The variant without a rule (an attribute value, an input), or null when the operator has none at all.</param>
    public NoGradientRuleException(string nodeName, string opType, string? detail = null)
        : base($"node '{nodeName}'", detail is null
            ? $"no gradient rule for operator {opType}; a gradient would have to flow through it"
            : $"operator {opType} has no gradient rule for {detail}")
    {
        NodeName = nodeName;
        OpType = opType;
    }

    /// <summary>The name of the node the gradient cannot flow through.</summary>
    public string NodeName { get; }

    /// <summary>The ONNX operator of that node.</summary>
    public string OpType { get; }
}
