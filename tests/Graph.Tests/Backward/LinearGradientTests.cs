using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>MatMul and Gemm against central finite differences (ε = 1e-2, relative L2 error ≤ 1e-3).</summary>
public sealed class LinearGradientTests
{
    private static readonly GradientCheck Check = new();

    public static IEnumerable<object[]> MatMulShapes =>
    [
        [new long[] { 3, 4 }, new long[] { 4, 5 }],
        [new long[] { 2, 3, 4 }, new long[] { 4, 5 }],
        [new long[] { 2, 1, 3, 4 }, new long[] { 3, 4, 2 }],
        [new long[] { 4 }, new long[] { 2, 4, 5 }],
        [new long[] { 2, 3, 4 }, new long[] { 4 }],
        [new long[] { 4 }, new long[] { 4 }],
    ];

    [Theory]
    [MemberData(nameof(MatMulShapes))]
    public void MatMul_with_batch_broadcasting_and_vectors_matches_finite_differences(long[] shapeA, long[] shapeB)
    {
        var random = new Random(shapeA.Length * 10 + shapeB.Length);
        var model = new OpModel()
            .Input("a", Values.Uniform(random, shapeA, -1, 1))
            .Input("b", Values.Uniform(random, shapeB, -1, 1))
            .Node("MatMul", ["a", "b"], ["y"])
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["a", "b"]);
    }

    [Theory]
    [InlineData(false, false, 1.0f, 1.0f, new long[] { 5 })]
    [InlineData(true, false, 0.5f, 2.0f, new long[] { 3, 1 })]
    [InlineData(false, true, 1.5f, 1.0f, new long[] { 3, 5 })]
    [InlineData(true, true, -1.0f, 0.5f, new long[] { 1 })]
    [InlineData(false, true, 1.0f, 1.0f, null)]
    public void Gemm_with_transposes_scales_and_broadcast_bias_matches_finite_differences(bool transA, bool transB, float alpha, float beta, long[]? biasShape)
    {
        var random = new Random(transA ? 1 : 2);
        long m = 3, k = 4, n = 5;
        var model = new OpModel()
            .Input("a", Values.Uniform(random, transA ? [k, m] : [m, k], -1, 1))
            .Input("b", Values.Uniform(random, transB ? [n, k] : [k, n], -1, 1));
        string[] inputs = ["a", "b"];
        if (biasShape is not null)
        {
            model.Input("c", Values.Uniform(random, biasShape, -1, 1));
            inputs = [.. inputs, "c"];
        }
        model.Node("Gemm", inputs, ["y"],
                Attr.Int("transA", transA ? 1 : 0), Attr.Int("transB", transB ? 1 : 0), Attr.Float("alpha", alpha), Attr.Float("beta", beta))
            .Output("y");
        Check.Verify(model.Build(), model.Values, inputs);
    }
}
