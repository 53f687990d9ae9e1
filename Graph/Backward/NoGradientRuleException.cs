namespace QuiltNet.Graph.Backward;

/// <summary>
/// A node between a tensor that needs a gradient and a model output has an operator (or a variant of
/// one) that QuiltNet cannot differentiate, so no backward graph can be generated through it.
/// </summary>
public sealed class NoGradientRuleException : QuiltNetException
{
    public NoGradientRuleException(string nodeName, string opType, string? detail = null)
        : base($"node '{nodeName}'", detail is null
            ? $"no gradient rule for operator {opType}; a gradient would have to flow through it"
            : $"operator {opType} has no gradient rule for {detail}")
    {
        NodeName = nodeName;
        OpType = opType;
    }

    public string NodeName { get; }

    public string OpType { get; }
}
