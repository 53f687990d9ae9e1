using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>
/// Softmax, LogSoftmax, BatchNormalization, LayerNormalization and the reductions against central
/// finite differences (ε = 1e-2, relative L2 error ≤ 1e-3).
/// </summary>
public sealed class NormalizationGradientTests
{
    private static readonly GradientCheck Check = new();

    [Theory]
    [InlineData("Softmax", new long[] { 2, 3, 4 }, -1)]
    [InlineData("Softmax", new long[] { 5, 3 }, 0)]
    [InlineData("Softmax", new long[] { 2, 4, 2, 3 }, 1)]
    [InlineData("LogSoftmax", new long[] { 2, 3, 4 }, -1)]
    [InlineData("LogSoftmax", new long[] { 5, 3 }, 0)]
    [InlineData("LogSoftmax", new long[] { 2, 4, 2, 3 }, 1)]
    public void Softmax_over_one_axis_matches_finite_differences(string op, long[] shape, long axis)
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(shape.Length), shape, -2, 2))
            .Node(op, ["x"], ["y"], Attr.Int("axis", axis))
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x"]);
    }

    [Theory]
    [InlineData(new long[] { 2, 3, 4, 4 })]
    [InlineData(new long[] { 4, 3 })]
    [InlineData(new long[] { 1, 2, 3, 3, 2 })]
    public void BatchNormalization_in_inference_mode_differentiates_all_five_inputs(long[] shape)
    {
        var random = new Random(shape.Length);
        long[] channels = [shape[1]];
        var model = new OpModel()
            .Input("x", Values.Uniform(random, shape, -1, 1))
            .Input("scale", Values.Uniform(random, channels, 0.5, 1.5))
            .Input("bias", Values.Uniform(random, channels, -1, 1))
            .Input("mean", Values.Uniform(random, channels, -0.5, 0.5))
            .Input("var", Values.Uniform(random, channels, 0.5, 1.5))
            .Node("BatchNormalization", ["x", "scale", "bias", "mean", "var"], ["y"], Attr.Float("epsilon", 1e-3f))
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x", "scale", "bias", "mean", "var"]);
    }

    [Theory]
    [InlineData(new long[] { 2, 3, 8 }, -1L, true)]
    [InlineData(new long[] { 2, 4, 3 }, 1L, true)]
    [InlineData(new long[] { 6, 5 }, -1L, false)]
    [InlineData(new long[] { 3, 2, 2, 3 }, 2L, true)]
    public void LayerNormalization_differentiates_input_scale_and_bias(long[] shape, long axis, bool withBias)
    {
        var random = new Random(shape.Length + (int)axis);
        long[] normalized = shape[(int)((axis + shape.Length) % shape.Length)..];
        var model = new OpModel()
            .Input("x", Values.Uniform(random, shape, -1, 1))
            .Input("scale", Values.Uniform(random, normalized, 0.5, 1.5));
        string[] inputs = ["x", "scale"];
        if (withBias)
        {
            model.Input("bias", Values.Uniform(random, normalized, -1, 1));
            inputs = [.. inputs, "bias"];
        }
        model.Node("LayerNormalization", inputs, ["y"], Attr.Int("axis", axis), Attr.Float("epsilon", 1e-3f)).Output("y");
        Check.Verify(model.Build(), model.Values, inputs);
    }

    [Theory]
    [InlineData(new long[] { 2, 3, 4 }, new long[] { 1 }, 1L)]
    [InlineData(new long[] { 2, 3, 4 }, new long[] { 0, 2 }, 0L)]
    [InlineData(new long[] { 4, 5 }, new long[] { -1 }, 0L)]
    [InlineData(new long[] { 2, 2, 3, 2 }, null, 0L)]
    [InlineData(new long[] { 3, 4 }, null, 1L)]
    public void ReduceMean_with_axes_attribute_spreads_the_mean_gradient(long[] shape, long[]? axes, long keepDims)
    {
        var model = new OpModel().Input("x", Values.Uniform(new Random(shape.Length), shape, -1, 1));
        var attributes = new List<Onnx.AttributeProto> { Attr.Int("keepdims", keepDims) };
        if (axes is not null)
            attributes.Add(Attr.Ints("axes", axes));
        model.Node("ReduceMean", ["x"], ["y"], [.. attributes]).Output("y");
        Check.Verify(model.Build(), model.Values, ["x"]);
    }

    [Theory]
    [InlineData(new long[] { 2, 3, 4 }, new long[] { 1 }, 1L)]
    [InlineData(new long[] { 3, 2, 2, 2 }, new long[] { 0, 2 }, 0L)]
    [InlineData(new long[] { 5, 4 }, new long[] { -1, -2 }, 0L)]
    public void ReduceSum_with_axes_input_spreads_the_gradient(long[] shape, long[] axes, long keepDims)
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(shape.Length), shape, -1, 1))
            .Int64s("axes", axes)
            .Node("ReduceSum", ["x", "axes"], ["y"], Attr.Int("keepdims", keepDims))
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x"]);
    }
}
