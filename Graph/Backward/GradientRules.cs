using QuiltNet.Graph.Backward.Rules;

namespace QuiltNet.Graph.Backward;

/// <summary>The gradient rule of each supported operator of the default ONNX domain.</summary>
internal static class GradientRules
{
    private static readonly Dictionary<string, IGradientRule> Rules = new()
    {
        ["Identity"] = new IdentityRule(),
        ["Cast"] = new CastRule(),
        ["Reshape"] = new ReshapeRule(),
        ["Flatten"] = new ReshapeRule(),
        ["Squeeze"] = new ReshapeRule(),
        ["Unsqueeze"] = new ReshapeRule(),
        ["Transpose"] = new TransposeRule(),
        ["Expand"] = new ExpandRule(),
        ["Concat"] = new ConcatRule(),
        ["Split"] = new SplitRule(),
        ["Slice"] = new SliceRule(),
        ["Gather"] = new GatherRule(),
        ["Resize"] = new ResizeRule(),

        ["Add"] = new AddRule(),
        ["Sub"] = new SubRule(),
        ["Mul"] = new MulRule(),
        ["Div"] = new DivRule(),
        ["Pow"] = new PowRule(),
        ["MatMul"] = new MatMulRule(),
        ["Gemm"] = new GemmRule(),

        ["Neg"] = new PointwiseRule(MathDerivatives.Neg),
        ["Exp"] = new PointwiseRule(MathDerivatives.Exp),
        ["Log"] = new PointwiseRule(MathDerivatives.Log),
        ["Sqrt"] = new PointwiseRule(MathDerivatives.Sqrt),
        ["Erf"] = new PointwiseRule(MathDerivatives.Erf),
        ["Relu"] = new PointwiseRule(ActivationDerivatives.Relu),
        ["Clip"] = new PointwiseRule(ActivationDerivatives.Clip),
        ["Sigmoid"] = new PointwiseRule(ActivationDerivatives.Sigmoid),
        ["HardSigmoid"] = new PointwiseRule(ActivationDerivatives.HardSigmoid),
        ["HardSwish"] = new PointwiseRule(ActivationDerivatives.HardSwish),
        ["Tanh"] = new PointwiseRule(ActivationDerivatives.Tanh),
        ["Gelu"] = new PointwiseRule(ActivationDerivatives.Gelu),

        ["Softmax"] = new SoftmaxRule(),
        ["LogSoftmax"] = new LogSoftmaxRule(),
        ["ReduceMean"] = new ReduceRule(mean: true),
        ["ReduceSum"] = new ReduceRule(mean: false),
        ["GlobalAveragePool"] = new GlobalAveragePoolRule(),
        ["BatchNormalization"] = new BatchNormalizationRule(),
        ["LayerNormalization"] = new LayerNormalizationRule(),

        ["Conv"] = new ConvRule(),
        ["ConvTranspose"] = new ConvTransposeRule(),
        ["MaxPool"] = new MaxPoolRule(),
        ["AveragePool"] = new AveragePoolRule(),
    };

    public static IGradientRule? Find(string domain, string opType) =>
        domain is "" or "ai.onnx" ? Rules.GetValueOrDefault(opType) : null;

    public static IReadOnlyCollection<string> OpTypes => Rules.Keys;
}
