namespace QuiltNet.Graph;

/// <summary>
/// Per-operator arithmetic counts. Matrix operators (Conv, ConvTranspose, Gemm, MatMul and their
/// quantized forms) count multiply-accumulates the way torchvision's published figures do; pooling,
/// normalisation, softmax, reductions and element-wise operators count FLOPs; pure data movement is free.
/// An operator without a rule falls back to one FLOP per output element and is flagged.
/// </summary>
internal static class CostRules
{
    public const string Fallback = "one FLOP per output element";

    private static readonly HashSet<string> DataMovement =
    [
        "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Transpose", "Concat", "Split", "Slice", "Gather",
        "GatherElements", "GatherND", "Shape", "Size", "Identity", "Constant", "ConstantOfShape", "Cast",
        "CastLike", "Expand", "Tile", "Pad", "Dropout", "DepthToSpace", "SpaceToDepth", "ScatterND",
        "ScatterElements", "NonZero", "Range", "Compress", "ReverseSequence", "EyeLike", "OneHot", "Trilu",
    ];

    private static readonly HashSet<string> ElementWise =
    [
        "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Reciprocal", "Neg", "Abs", "Exp", "Log", "Ceil", "Floor",
        "Round", "Sign", "Relu", "LeakyRelu", "PRelu", "Elu", "Selu", "Celu", "Sigmoid", "HardSigmoid",
        "HardSwish", "Tanh", "Erf", "Gelu", "Softplus", "Softsign", "Mish", "Clip", "Max", "Min", "Mean", "Sum",
        "Where", "Equal", "Less", "LessOrEqual", "Greater", "GreaterOrEqual", "And", "Or", "Xor", "Not", "Mod",
        "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "IsNaN", "IsInf", "BitShift",
        "QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "Resize", "Upsample", "ThresholdedRelu",
    ];

    private static readonly HashSet<string> Reductions =
    [
        "ReduceMean", "ReduceSum", "ReduceMax", "ReduceMin", "ReduceProd", "ReduceL1", "ReduceL2",
        "ReduceSumSquare", "ReduceLogSum", "ReduceLogSumExp", "ArgMax", "ArgMin", "GlobalAveragePool",
        "GlobalMaxPool", "GlobalLpPool", "CumSum", "TopK",
    ];

    public readonly record struct Cost(long Macs, long Flops, bool Known);

    /// <param name="shape">The bound tensor shape of a name, or null where unknown.</param>
    /// <param name="node">The node to cost.</param>
    public static Cost Estimate(GraphNode node, Func<string, TensorInfo?> shape)
    {
        TensorInfo? Input(int i) => i < node.Inputs.Count && node.Inputs[i].Length > 0 ? shape(node.Inputs[i]) : null;
        long outputs = node.Outputs.Where(o => o.Length > 0).Sum(o => shape(o)?.Elements ?? 0);
        long firstOutput = node.Outputs.Count > 0 ? shape(node.Outputs[0])?.Elements ?? 0 : 0;

        switch (node.OpType)
        {
            case "Conv" or "ConvInteger" or "QLinearConv":
                {
                    var weight = Input(node.OpType == "QLinearConv" ? 3 : 1);
                    if (weight is null || weight.Shape.Count == 0 || weight.Shape[0] == 0) break;
                    long macs = firstOutput * (weight.Elements / weight.Shape[0]);
                    bool bias = Input(node.OpType == "QLinearConv" ? 8 : 2) is not null && node.OpType == "Conv";
                    return new Cost(macs, 2 * macs + (bias ? firstOutput : 0), true);
                }
            case "ConvTranspose":
                {
                    var input = Input(0);
                    var weight = Input(1);
                    if (input is null || weight is null || weight.Shape.Count == 0 || weight.Shape[0] == 0) break;
                    long macs = input.Elements * (weight.Elements / weight.Shape[0]);
                    return new Cost(macs, 2 * macs + (Input(2) is not null ? firstOutput : 0), true);
                }
            case "Gemm":
                {
                    var a = Input(0);
                    if (a is null || a.Shape.Count != 2) break;
                    long k = Attributes.Int(node, "transA", 0) != 0 ? a.Shape[0] : a.Shape[1];
                    long macs = firstOutput * k;
                    return new Cost(macs, 2 * macs + (Input(2) is not null ? firstOutput : 0), true);
                }
            case "MatMul" or "MatMulInteger" or "QLinearMatMul":
                {
                    var a = Input(0);
                    if (a is null || a.Shape.Count == 0) break;
                    long macs = firstOutput * a.Shape[^1];
                    return new Cost(macs, 2 * macs, true);
                }
            case "MaxPool" or "AveragePool" or "LpPool":
                {
                    long window = Attributes.Ints(node, "kernel_shape").Aggregate(1L, (p, k) => p * k);
                    return new Cost(0, firstOutput * window, true);
                }
            case "BatchNormalization":
                return new Cost(0, 2 * (Input(0)?.Elements ?? firstOutput), true);
            case "LayerNormalization" or "InstanceNormalization" or "GroupNormalization" or "MeanVarianceNormalization":
                // mean, subtract, square, mean, add epsilon and root, divide, scale, shift
                return new Cost(0, 8 * (Input(0)?.Elements ?? firstOutput), true);
            case "LpNormalization":
                return new Cost(0, 3 * (Input(0)?.Elements ?? firstOutput), true);
            case "Softmax" or "LogSoftmax" or "Hardmax":
                return new Cost(0, 3 * (Input(0)?.Elements ?? firstOutput), true);
        }
        if (DataMovement.Contains(node.OpType))
            return new Cost(0, 0, true);
        if (ElementWise.Contains(node.OpType))
            return new Cost(0, outputs, true);
        if (Reductions.Contains(node.OpType))
            return new Cost(0, Input(0)?.Elements ?? outputs, true);
        return new Cost(0, outputs, false);
    }
}
