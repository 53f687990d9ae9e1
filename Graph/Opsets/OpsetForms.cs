using Onnx;
using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Opsets;

/// <summary>
/// The one place that knows how default-domain operators changed form between opsets: which list
/// arguments moved from attributes to inputs (and when), how a nearest-neighbour upsampling is spelt,
/// and whether quantisation can be per feature. Every emitter (bottlenecks, loss and backward graphs,
/// the opset lift) builds those operators here, so each node is valid at the opset of the model it joins.
/// </summary>
internal static class OpsetForms
{
    /// <summary>The oldest default-domain opset QuiltNet reads and emits into.</summary>
    public const long Oldest = 9;

    /// <summary>QuantizeLinear/DequantizeLinear with a per-axis scale (opset 10 has per-tensor only).</summary>
    public const long PerAxisQuantization = 13;

    /// <summary>The default-domain (ai.onnx) opset <paramref name="model"/> imports; 0 when none.</summary>
    public static long Of(ModelProto model) =>
        model.OpsetImport.Where(o => o.Domain is "" or "ai.onnx").Select(o => o.Version).DefaultIfEmpty(0).Max();

    /// <summary>Operator → opset from which its list argument (axes, split sizes) is an input rather than an attribute.</summary>
    private static readonly Dictionary<string, long> ListInputSince = new()
    {
        ["Squeeze"] = 13,
        ["Unsqueeze"] = 13,
        ["ReduceSum"] = 13,
        ["Split"] = 13,
        ["ReduceMean"] = 18,
        ["ReduceMax"] = 18,
        ["ReduceMin"] = 18,
        ["ReduceProd"] = 18,
        ["ReduceL1"] = 18,
        ["ReduceL2"] = 18,
        ["ReduceLogSum"] = 18,
        ["ReduceLogSumExp"] = 18,
        ["ReduceSumSquare"] = 18,
    };

    /// <summary>Whether <paramref name="op"/> takes its list argument as its second input at <paramref name="opset"/>.</summary>
    public static bool ListIsInput(string op, long opset) => ListInputSince.TryGetValue(op, out long since) && opset >= since;

    /// <summary>Whether <paramref name="op"/> has a list argument that moved from an attribute to an input at some opset.</summary>
    public static bool HasListArgument(string op) => ListInputSince.ContainsKey(op);

    /// <summary>
    /// Sets list argument <paramref name="name"/> (axes, or Split's split) of <paramref name="node"/>, whose data input is
    /// already in place: as the second input or as an attribute, as <paramref name="opset"/> wants it.
    /// </summary>
    public static void SetList(NodeProto node, string name, long[] values, long opset, IConstants constants)
    {
        if (ListIsInput(node.OpType, opset))
            node.Input.Insert(1, constants.Int64s(values));
        else
            node.Attribute.Add(Attr.Ints(name, values));
    }

    /// <summary>Slice's starts, ends and axes: attributes before opset 10, inputs from it.</summary>
    public static void SetSlice(NodeProto node, long[] starts, long[] ends, long[]? axes, long opset, IConstants constants)
    {
        if (opset >= 10)
        {
            node.Input.Add(constants.Int64s(starts));
            node.Input.Add(constants.Int64s(ends));
            if (axes is not null) node.Input.Add(constants.Int64s(axes));
            return;
        }
        node.Attribute.Add(Attr.Ints("starts", starts));
        node.Attribute.Add(Attr.Ints("ends", ends));
        if (axes is not null) node.Attribute.Add(Attr.Ints("axes", axes));
    }

    /// <summary>Clip's bounds: attributes before opset 11, optional scalar inputs from it.</summary>
    public static void SetClip(NodeProto node, float? min, float? max, long opset, IConstants constants)
    {
        if (opset < 11)
        {
            if (min is { } lo) node.Attribute.Add(Attr.Float("min", lo));
            if (max is { } hi) node.Attribute.Add(Attr.Float("max", hi));
            return;
        }
        node.Input.Add(min is { } low ? constants.Floats([low], []) : "");
        if (max is { } high) node.Input.Add(constants.Floats([high], []));
    }

    /// <summary>Pad's pads and fill value: attributes before opset 11, inputs from it (the mode stays an attribute).</summary>
    public static void SetPad(NodeProto node, long[] pads, float value, long opset, IConstants constants)
    {
        if (opset < 11)
        {
            node.Attribute.Add(Attr.Ints("pads", pads));
            node.Attribute.Add(Attr.Float("value", value));
            return;
        }
        node.Input.Add(constants.Int64s(pads));
        node.Input.Add(constants.Floats([value], []));
    }

    /// <summary>
    /// Makes <paramref name="node"/> (data input in place) a nearest-neighbour resize by <paramref name="scales"/> (a float
    /// tensor's name, one factor per axis) that picks the input element at floor(output index / scale): Upsample before
    /// opset 10, Resize(X, scales) at 10, Resize(X, roi, scales) from 11 with the coordinates made asymmetric to match.
    /// </summary>
    public static void SetNearestResize(NodeProto node, string scales, long opset, IConstants constants)
    {
        node.OpType = opset < 10 ? "Upsample" : "Resize";
        if (opset >= 11)
            node.Input.Add(opset >= 13 ? "" : constants.Floats([], [0]));
        node.Input.Add(scales);
        node.Attribute.Add(Attr.String("mode", "nearest"));
        if (opset >= 11)
        {
            node.Attribute.Add(Attr.String("coordinate_transformation_mode", "asymmetric"));
            node.Attribute.Add(Attr.String("nearest_mode", "floor"));
        }
    }
}
