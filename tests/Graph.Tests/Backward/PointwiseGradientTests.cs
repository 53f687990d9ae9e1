using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>Element-wise operators against central finite differences (ε = 1e-2, relative L2 error ≤ 1e-3), three shapes each.</summary>
public sealed class PointwiseGradientTests
{
    private static readonly long[][] Shapes = [[7], [2, 3, 4], [1, 2, 3, 2]];
    private static readonly GradientCheck Check = new();

    /// <summary>Op, attributes and input range; kinked ops keep inputs 0.05 (5ε) from their kinks.</summary>
    private static readonly Dictionary<string, (Onnx.AttributeProto[] Attributes, Func<Random, long[], HostTensor> Input)> Cases = new()
    {
        ["Identity"] = ([], (r, s) => Values.Uniform(r, s, -2, 2)),
        ["Neg"] = ([], (r, s) => Values.Uniform(r, s, -2, 2)),
        ["Exp"] = ([], (r, s) => Values.Uniform(r, s, -1, 1)),
        ["Log"] = ([], (r, s) => Values.Uniform(r, s, 0.5, 2)),
        ["Sqrt"] = ([], (r, s) => Values.Uniform(r, s, 0.5, 2)),
        ["Erf"] = ([], (r, s) => Values.Uniform(r, s, -2, 2)),
        ["Sigmoid"] = ([], (r, s) => Values.Uniform(r, s, -3, 3)),
        ["Tanh"] = ([], (r, s) => Values.Uniform(r, s, -2, 2)),
        ["Relu"] = ([], (r, s) => Values.AwayFrom(r, s, -2, 2, 0.05, 0)),
        ["HardSigmoid"] = ([], (r, s) => Values.AwayFrom(r, s, -4, 4, 0.05, -2.5, 2.5)),
        ["HardSigmoid alpha=0.5 beta=0.6"] = ([Attr.Float("alpha", 0.5f), Attr.Float("beta", 0.6f)], (r, s) => Values.AwayFrom(r, s, -2, 2, 0.05, -1.2, 0.8)),
        ["HardSwish"] = ([], (r, s) => Values.AwayFrom(r, s, -5, 5, 0.05, -3, 3)),
    };

    public static IEnumerable<object[]> CaseData => Cases.Keys.SelectMany(op => Enumerable.Range(0, Shapes.Length).Select(s => new object[] { op, s }));

    public static IEnumerable<object[]> ShapeData => Enumerable.Range(0, Shapes.Length).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(CaseData))]
    public void Unary_operator_matches_finite_differences(string name, int shape)
    {
        var (attributes, input) = Cases[name];
        var model = new OpModel()
            .Input("x", input(new Random(shape), Shapes[shape]))
            .Node(name.Split(' ')[0], ["x"], ["y"], attributes)
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x"], seed: shape);
    }

    [Theory]
    [MemberData(nameof(ShapeData))]
    public void Clip_passes_gradient_strictly_inside_its_bounds(int shape)
    {
        var random = new Random(shape);
        long[] scalar = [];
        var model = new OpModel()
            .Input("x", Values.AwayFrom(random, Shapes[shape], -1, 1, 0.05, -0.5, 0.7))
            .Constant("low", HostTensor.Float(scalar, [-0.5f]))
            .Constant("high", HostTensor.Float(scalar, [0.7f]))
            .Node("Clip", ["x", "low", "high"], ["both"])
            .Node("Clip", ["x", "", "high"], ["upper"])
            .Node("Clip", ["x"], ["none"])
            .Output("both").Output("upper").Output("none");
        Check.Verify(model.Build(), model.Values, ["x"], seed: shape);
    }

    [Theory]
    [InlineData("none", 0)]
    [InlineData("none", 1)]
    [InlineData("none", 2)]
    [InlineData("tanh", 0)]
    [InlineData("tanh", 1)]
    [InlineData("tanh", 2)]
    public void Gelu_of_opset_20_matches_finite_differences(string approximate, int shape)
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(shape), Shapes[shape], -3, 3))
            .Node("Gelu", ["x"], ["y"], Attr.String("approximate", approximate))
            .Output("y");
        Check.Verify(model.Build(opset: 20), model.Values, ["x"], seed: shape);
    }

    [Theory]
    [MemberData(nameof(ShapeData))]
    public void Cast_through_double_and_back_matches_finite_differences(int shape)
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(shape), Shapes[shape], -2, 2))
            .Node("Cast", ["x"], ["wide"], Attr.Int("to", (long)ElementType.Double))
            .Node("Tanh", ["wide"], ["t"])
            .Node("Cast", ["t"], ["y"], Attr.Int("to", (long)ElementType.Float))
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x"], seed: shape);
    }
}
