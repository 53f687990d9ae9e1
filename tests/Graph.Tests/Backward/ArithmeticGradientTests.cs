using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>
/// Binary operators with numpy broadcasting, both inputs differentiated, against central finite
/// differences (ε = 1e-2, relative L2 error ≤ 1e-3).
/// </summary>
public sealed class ArithmeticGradientTests
{
    private static readonly (long[] A, long[] B)[] ShapePairs =
    [
        ([2, 3, 4], [2, 3, 4]),
        ([2, 3, 4], [4]),
        ([2, 1, 4], [3, 1]),
        ([1, 3, 1], [2, 1, 5]),
        ([3], [2, 3, 3]),
    ];

    private static readonly GradientCheck Check = new();

    public static IEnumerable<object[]> Cases =>
        new[] { "Add", "Sub", "Mul", "Div", "Pow" }.SelectMany(op => Enumerable.Range(0, ShapePairs.Length).Select(p => new object[] { op, p }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Broadcasting_binary_operator_matches_finite_differences(string op, int pair)
    {
        var random = new Random(pair);
        var (shapeA, shapeB) = ShapePairs[pair];
        var a = op == "Pow" ? Values.Uniform(random, shapeA, 0.5, 1.5) : Values.Uniform(random, shapeA, -1, 1);
        // Divisors and exponents stay away from 0 and from large values, where differences lose precision.
        var b = op switch
        {
            "Div" => Values.AwayFrom(random, shapeB, -1.5, 1.5, 0.5, 0),
            "Pow" => Values.Uniform(random, shapeB, -1.5, 1.5),
            _ => Values.Uniform(random, shapeB, -1, 1),
        };
        var model = new OpModel().Input("a", a).Input("b", b).Node(op, ["a", "b"], ["y"]).Output("y");
        Check.Verify(model.Build(), model.Values, ["a", "b"], seed: pair);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Pow_with_a_constant_exponent_differentiates_the_base(int seed)
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(seed), [2, 3 + seed], 0.5, 1.5))
            .Int64s("two", 2)
            .Node("Cast", ["two"], ["exponent"], Attr.Int("to", (long)ElementType.Float))
            .Node("Pow", ["x", "exponent"], ["y"])
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x"], seed);
    }
}
