using QuiltNet.Graph;
using QuiltNet.HwCatalog;

namespace QuiltNet.Optimizer.Costs;

/// <summary>
/// How long one operator takes on a chip, before memory traffic: the one place per-operator time is decided.
/// <list type="bullet">
/// <item>A chip without calibration: MACs / (peak × utilisation); other operators cost nothing (the roofline).</item>
/// <item>A calibrated chip: dispatch + MACs / the rate measured for the operator's class and shape, or
/// FLOPs / the vector rate, or bytes moved / the copy rate; an activation fused into the matrix operator before
/// it, and a reshape that only relabels a tensor, cost the dispatch alone or nothing.</item>
/// </list>
/// </summary>
public static class OperatorTime
{
    // ONNX Runtime fuses these into the convolution or matrix product that feeds them.
    private static readonly HashSet<string> FusedActivations = ["Relu", "Clip", "LeakyRelu", "Sigmoid", "HardSigmoid", "Tanh", "HardSwish"];

    // Operators that only relabel a tensor's shape: ONNX Runtime runs them without copying.
    private static readonly HashSet<string> Views = ["Reshape", "Flatten", "Squeeze", "Unsqueeze", "Identity", "Shape", "Constant", "Dropout"];

    /// <param name="previous">The layer run just before, if any (for fusion).</param>
    /// <param name="chip">The chip the layer runs on.</param>
    /// <param name="layer">The layer.</param>
    public static double Seconds(Chip chip, LayerProfile layer, LayerProfile? previous)
    {
        if (chip.Calibration is not { } table) return layer.Macs / chip.EffectiveMacsPerSecond;
        if (IsFused(layer, previous)) return 0;
        double dispatch = table.DispatchSeconds.Value;
        if (layer.Macs > 0) return dispatch + layer.Macs / MacRate(table, Classify(layer), layer);
        if (Views.Contains(layer.OpType)) return dispatch;
        if (layer.Flops > 0) return dispatch + layer.Flops / table.VectorFlopsPerSecond.Value;
        double moved = (layer.InputElements + layer.OutputElements) * chip.ActivationBytesPerElement.Value;
        return dispatch + moved / table.CopyBytesPerSecond.Value;
    }

    /// <summary>What a calibrated chip spends once per stage run, beside its operators; 0 without calibration.</summary>
    public static double RunOverheadSeconds(Chip chip) => chip.Calibration?.RunOverheadSeconds.Value ?? 0;

    /// <summary>
    /// The class of a matrix operator, read from its profile: a MatMul without weights multiplies two activations; MACs
    /// per output element is the reduction depth; a
    /// convolution whose output is as large as its input and whose depth is a kernel's area is depthwise, one whose
    /// input is depth × output / output channels (output channels = parameters / depth) is 1×1.
    /// </summary>
    public static OperatorClass Classify(LayerProfile layer)
    {
        if (layer.OpType is not ("Conv" or "ConvInteger" or "QLinearConv"))
            return layer.OpType == "MatMul" && layer.Parameters == 0 ? OperatorClass.ActivationMatMul : OperatorClass.MatMul;
        long depth = Depth(layer);
        if (depth <= 49 && layer.InputElements >= 0.9 * layer.OutputElements) return OperatorClass.Depthwise;
        double channels = Math.Max(1, Math.Round((double)layer.Parameters / (depth + 1)));
        double pointwiseInput = depth * layer.OutputElements / channels;
        return Math.Abs(layer.InputElements - pointwiseInput) <= 0.05 * pointwiseInput ? OperatorClass.Pointwise : OperatorClass.Convolution;
    }

    /// <summary>MACs per output element.</summary>
    public static long Depth(LayerProfile layer) => layer.OutputElements > 0 ? Math.Max(1, layer.Macs / layer.OutputElements) : 1;

    /// <summary>
    /// The measured rate for this shape: the geometric mean of the class's measured rates weighted by the inverse fourth power of the
    /// distance in (log depth, log output size), so a shape between two measured ones gets a rate between theirs.
    /// A MatMul of two activations never measured (a table from before that class) borrows the MatMul's points, any other
    /// class never measured the convolution's.
    /// </summary>
    public static double MacRate(OperatorCalibration table, OperatorClass kind, LayerProfile layer)
    {
        var points = table.MacRates.Where(p => p.Class == kind).ToList();
        if (points.Count == 0 && kind == OperatorClass.ActivationMatMul) points = table.MacRates.Where(p => p.Class == OperatorClass.MatMul).ToList();
        if (points.Count == 0) points = table.MacRates.Where(p => p.Class == OperatorClass.Convolution).ToList();
        if (points.Count == 0) points = table.MacRates.ToList();
        double depth = Math.Log(Depth(layer)), size = Math.Log(Math.Max(1, layer.OutputElements));
        double weights = 0, logRate = 0;
        foreach (var p in points)
        {
            double dd = depth - Math.Log(p.ReductionDepth), ds = size - Math.Log(p.OutputElements);
            double distance = dd * dd + ds * ds;
            if (distance < 1e-9) return p.MacsPerSecond;
            double w = 1 / (distance * distance);
            weights += w;
            logRate += w * Math.Log(p.MacsPerSecond);
        }
        return Math.Exp(logRate / weights);
    }

    private static bool IsFused(LayerProfile layer, LayerProfile? previous) =>
        FusedActivations.Contains(layer.OpType) && previous is { Macs: > 0 } && layer.InputElements == previous.OutputElements;
}
