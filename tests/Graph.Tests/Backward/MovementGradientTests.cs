using Onnx;
using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>
/// Operators that move, copy or regroup elements against central finite differences (ε = 1e-2,
/// relative L2 error ≤ 1e-3; these are linear, so only rounding separates the two).
/// </summary>
public sealed class MovementGradientTests
{
    private static readonly GradientCheck Check = new();

    public static IEnumerable<object[]> ReshapeCases =>
    [
        Case("Flatten", [2, 3, 2, 2], [], Attr.Int("axis", 2)),
        Case("Flatten", [2, 3, 4], []),
        Case("Flatten", [3, 4], [], Attr.Int("axis", 0)),
        Case("Reshape", [2, 3, 4], [4, 6]),
        Case("Reshape", [2, 3, 4], [-1]),
        Case("Reshape", [6, 4], [0, 2, 2]),
        Case("Squeeze", [2, 1, 3, 1], [1, 3]),
        Case("Squeeze", [1, 4], [0]),
        Case("Squeeze", [3, 1, 2], [-2]),
        Case("Unsqueeze", [2, 3], [0, 3]),
        Case("Unsqueeze", [4], [-1]),
        Case("Unsqueeze", [2, 2, 2], [1]),
        Case("Transpose", [2, 3, 4], [], Attr.Ints("perm", [2, 0, 1])),
        Case("Transpose", [2, 3, 4, 2], [], Attr.Ints("perm", [0, 2, 1, 3])),
        Case("Transpose", [3, 5], []),
    ];

    [Theory]
    [MemberData(nameof(ReshapeCases))]
    public void Shape_changing_operator_passes_the_gradient_back(string op, long[] shape, long[] operand, AttributeProto[] attributes)
    {
        var model = new OpModel().Input("x", Values.Uniform(new Random(shape.Length), shape, -1, 1));
        string[] inputs = ["x"];
        if (op is "Reshape" or "Squeeze" or "Unsqueeze")
        {
            model.Int64s("operand", operand);
            inputs = ["x", "operand"];
        }
        model.Node(op, inputs, ["y"], attributes).Output("y");
        Check.Verify(model.Build(), model.Values, ["x"]);
    }

    [Theory]
    [InlineData(new long[] { 2, 3 }, new long[] { 4, 2, 3 })]
    [InlineData(new long[] { 3, 1 }, new long[] { 2, 3, 4 })]
    [InlineData(new long[] { 1 }, new long[] { 2, 2 })]
    public void Expand_sums_the_gradient_over_the_broadcast_axes(long[] shape, long[] target)
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(shape.Length), shape, -1, 1))
            .Int64s("shape", target)
            .Node("Expand", ["x", "shape"], ["y"])
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x"]);
    }

    [Theory]
    [InlineData(1L, new long[] { 2, 1, 4 }, new long[] { 2, 3, 4 })]
    [InlineData(-1L, new long[] { 3, 2 }, new long[] { 3, 1 })]
    [InlineData(0L, new long[] { 1, 5 }, new long[] { 2, 5 })]
    public void Concat_splits_the_gradient_between_its_inputs(long axis, long[] first, long[] second)
    {
        var random = new Random(first.Length);
        var model = new OpModel()
            .Input("a", Values.Uniform(random, first, -1, 1))
            .Input("b", Values.Uniform(random, second, -1, 1))
            .Input("c", Values.Uniform(random, first, -1, 1))
            .Node("Concat", ["a", "b", "c"], ["y"], Attr.Int("axis", axis))
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["a", "b", "c"]);
    }

    [Theory]
    [InlineData(1L, new long[] { 1, 2 }, new long[] { 2, 3, 2 })]
    [InlineData(-1L, new long[] { 2, 2, 1 }, new long[] { 3, 5 })]
    [InlineData(0L, new long[] { 3, 1 }, new long[] { 4, 2 })]
    public void Split_concatenates_output_gradients_with_zeros_for_unused_parts(long axis, long[] sizes, long[] shape)
    {
        var outputs = Enumerable.Range(0, sizes.Length).Select(i => $"part{i}").ToArray();
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(sizes.Length), shape, -1, 1))
            .Int64s("split", sizes)
            .Node("Split", ["x", "split"], outputs, Attr.Int("axis", axis))
            .Node("Tanh", [outputs[0]], ["t"])
            .Output("t");
        foreach (string part in outputs[2..])
            model.Output(part);
        Check.Verify(model.Build(), model.Values, ["x"]);
    }

    [Theory]
    [InlineData(new long[] { 1 }, new long[] { 3 }, new long[] { 1 }, new long[] { 1 })]
    [InlineData(new long[] { -1, 0 }, new long[] { -100, 5 }, new long[] { 0, 1 }, new long[] { -1, 2 })]
    [InlineData(new long[] { 0, 1, 0 }, new long[] { 2, 4, 3 }, new long[] { 0, 1, 2 }, new long[] { 1, 2, 2 })]
    public void Slice_scatters_the_gradient_to_the_sliced_positions(long[] starts, long[] ends, long[] axes, long[] steps)
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(starts.Length), [3, 5, 4], -1, 1))
            .Int64s("starts", starts).Int64s("ends", ends).Int64s("axes", axes).Int64s("steps", steps)
            .Node("Slice", ["x", "starts", "ends", "axes", "steps"], ["y"])
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x"]);
    }

    [Theory]
    [InlineData(0L, new long[] { 2, 0, 2, -1 })]
    [InlineData(1L, new long[] { 1, 1, 3 })]
    [InlineData(2L, new long[] { -4, 0 })]
    public void Gather_adds_up_gradients_of_repeated_indices(long axis, long[] indices)
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random((int)axis), [3, 4, 4], -1, 1))
            .Int64s("indices", indices)
            .Node("Gather", ["x", "indices"], ["y"], Attr.Int("axis", axis))
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x"]);
    }

    [Theory]
    [InlineData(new[] { 1f, 1f, 2f, 2f }, null, "asymmetric")]
    [InlineData(new[] { 1f, 1f, 1.5f, 2.5f }, null, "half_pixel")]
    [InlineData(null, new long[] { 1, 2, 2, 3 }, "half_pixel")]
    public void Nearest_Resize_scatters_the_gradient_to_the_source_elements(float[]? scales, long[]? sizes, string coordinates)
    {
        var model = new OpModel().Input("x", Values.Uniform(new Random(coordinates.Length), [1, 2, 4, 5], -1, 1));
        string[] inputs = ["x", "", "", ""];
        if (scales is not null)
        {
            model.Constant("scales", HostTensor.Float([scales.Length], scales));
            inputs[2] = "scales";
        }
        else
        {
            model.Int64s("sizes", sizes!);
            inputs[3] = "sizes";
        }
        model.Node("Resize", inputs, ["y"], Attr.String("mode", "nearest"), Attr.String("coordinate_transformation_mode", coordinates))
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x"]);
    }

    private static object[] Case(string op, long[] shape, long[] operand, params AttributeProto[] attributes) => [op, shape, operand, attributes];
}
