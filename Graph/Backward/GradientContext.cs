using Onnx;

namespace QuiltNet.Graph.Backward;

/// <summary>
/// What a gradient rule sees of the node it differentiates: its inputs and outputs, which inputs need a
/// gradient, the gradients arriving at its outputs, and where to put the input gradients.
/// </summary>
internal sealed class GradientContext
{
    private readonly GradientAccumulator _gradients;
    private readonly IReadOnlySet<string> _active;
    private readonly HashSet<int> _read = [];
    private readonly HashSet<int> _given = [];

    public GradientContext(NodeProto node, string nodeName, GraphEmitter emitter, GradientAccumulator gradients, IReadOnlySet<string> active)
    {
        Node = node;
        NodeName = nodeName;
        E = emitter;
        _gradients = gradients;
        _active = active;
    }

    public NodeProto Node { get; }

    public string NodeName { get; }

    public GraphEmitter E { get; }

    /// <summary>The first input, the data input of most operators.</summary>
    public string X => Node.Input[0];

    /// <summary>The first output.</summary>
    public string Y => Node.Output[0];

    /// <summary>The element type of the first output, the type gradients flow in.</summary>
    public ElementType Type => E.TypeOf(Y);

    /// <summary>The name of input <paramref name="index"/>; empty when omitted.</summary>
    public string Input(int index) => index < Node.Input.Count ? Node.Input[index] : "";

    public bool HasInput(int index) => Input(index).Length > 0;

    /// <summary>Whether input <paramref name="index"/> depends on a tensor a gradient was asked for.</summary>
    public bool Needs(int index) => HasInput(index) && _active.Contains(Input(index));

    /// <summary>The gradient arriving at output <paramref name="index"/>; zeros when none arrives there.</summary>
    public string Upstream(int index = 0)
    {
        _read.Add(index);
        return _gradients.Total(Node.Output[index]) ?? E.ZerosLike(Node.Output[index]);
    }

    /// <summary>Adds this node's contribution to the gradient of input <paramref name="index"/>.</summary>
    public void SetGradient(int index, string gradient)
    {
        if (!Needs(index))
            throw new InvalidOperationException($"{Node.OpType} rule gave a gradient to input {index}, which needs none");
        _given.Add(index);
        _gradients.Add(Input(index), gradient);
    }

    /// <summary>Sets the gradient of input <paramref name="index"/> if it needs one, building it only then.</summary>
    public void SetGradientIfNeeded(int index, Func<string> gradient)
    {
        if (Needs(index))
            SetGradient(index, gradient());
    }

    /// <summary>The exception for a variant of the operator (an attribute value, an input) the rule cannot differentiate.</summary>
    public NoGradientRuleException Unsupported(string variant) => new(NodeName, Node.OpType, variant);

    /// <summary>Fails when the rule left a needed input without gradient or ignored a gradient that arrived.</summary>
    public void CheckComplete()
    {
        for (int i = 0; i < Node.Input.Count; i++)
            if (Needs(i) && !_given.Contains(i))
                throw Unsupported($"its input {i} ('{Input(i)}')");
        for (int k = 0; k < Node.Output.Count; k++)
            if (Node.Output[k].Length > 0 && _gradients.Has(Node.Output[k]) && !_read.Contains(k))
                throw Unsupported($"gradients arriving at its output {k} ('{Node.Output[k]}')");
    }
}
