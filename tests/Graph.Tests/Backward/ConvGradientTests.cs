using Onnx;
using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>
/// Conv and ConvTranspose, gradients of input, weight and bias, against central finite differences
/// (ε = 1e-2, relative L2 error ≤ 1e-3).
/// </summary>
public sealed class ConvGradientTests
{
    private static readonly GradientCheck Check = new();

    public static IEnumerable<object[]> ConvCases =>
    [
        Case("dense 3x3 pad 1", [2, 3, 6, 6], [4, 3, 3, 3], Attr.Ints("pads", [1, 1, 1, 1])),
        Case("stride 2 asymmetric pads", [1, 2, 7, 6], [3, 2, 3, 2], Attr.Ints("strides", [2, 2]), Attr.Ints("pads", [1, 0, 0, 1])),
        Case("dilations", [1, 2, 7, 7], [2, 2, 2, 3], Attr.Ints("dilations", [2, 1]), Attr.Ints("strides", [1, 2])),
        Case("two groups stride 2", [2, 4, 5, 5], [6, 2, 3, 3], Attr.Int("group", 2), Attr.Ints("strides", [2, 2]), Attr.Ints("pads", [1, 1, 1, 1])),
        Case("depthwise stride 2", [1, 3, 6, 6], [3, 1, 3, 3], Attr.Int("group", 3), Attr.Ints("strides", [2, 2]), Attr.Ints("pads", [1, 1, 1, 1])),
        Case("1-D stride 2", [2, 3, 9], [2, 3, 3], Attr.Ints("strides", [2])),
        Case("3-D", [1, 2, 4, 4, 4], [2, 2, 2, 2, 2], Attr.Ints("pads", [1, 0, 0, 0, 1, 0])),
        Case("1x1 channel code", [2, 8, 3, 3], [3, 8, 1, 1]),
        Case("SAME_UPPER stride 2", [1, 2, 6, 5], [2, 2, 3, 3], Attr.String("auto_pad", "SAME_UPPER"), Attr.Ints("strides", [2, 2])),
        Case("SAME_LOWER stride 2", [1, 2, 6, 5], [2, 2, 2, 2], Attr.String("auto_pad", "SAME_LOWER"), Attr.Ints("strides", [2, 2])),
        Case("VALID stride 3", [1, 2, 8, 7], [2, 2, 3, 2], Attr.String("auto_pad", "VALID"), Attr.Ints("strides", [3, 3])),
    ];

    public static IEnumerable<object[]> ConvTransposeCases =>
    [
        Case("stride 2 pad 1 output_padding 1", [1, 3, 3, 3], [3, 2, 3, 3], Attr.Ints("strides", [2, 2]), Attr.Ints("pads", [1, 1, 1, 1]), Attr.Ints("output_padding", [1, 1])),
        Case("two groups stride 2", [1, 4, 3, 3], [4, 1, 2, 2], Attr.Int("group", 2), Attr.Ints("strides", [2, 2])),
        Case("1-D dilation 2", [2, 2, 4], [2, 3, 3], Attr.Ints("dilations", [2])),
        Case("asymmetric pads stride 3", [1, 2, 3, 2], [2, 2, 3, 2], Attr.Ints("strides", [3, 2]), Attr.Ints("pads", [0, 1, 1, 0])),
    ];

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv_gradients_of_input_weight_and_bias_match_finite_differences(string name, long[] input, long[] weight, AttributeProto[] attributes) =>
        Verify("Conv", name, input, weight, weight[0], attributes);

    [Theory]
    [MemberData(nameof(ConvTransposeCases))]
    public void ConvTranspose_gradients_of_input_weight_and_bias_match_finite_differences(string name, long[] input, long[] weight, AttributeProto[] attributes) =>
        Verify("ConvTranspose", name, input, weight, weight[1] * (attributes.FirstOrDefault(a => a.Name == "group")?.I ?? 1), attributes);

    private static void Verify(string op, string name, long[] input, long[] weight, long outputChannels, AttributeProto[] attributes)
    {
        var random = new Random(name.Length);
        var model = new OpModel()
            .Input("x", Values.Uniform(random, input, -1, 1))
            .Input("w", Values.Uniform(random, weight, -1, 1))
            .Input("b", Values.Uniform(random, [outputChannels], -1, 1))
            .Node(op, ["x", "w", "b"], ["y"], attributes)
            .Output("y");
        Check.Verify(model.Build(), model.Values, ["x", "w", "b"], seed: name.Length);
    }

    private static object[] Case(string name, long[] input, long[] weight, params AttributeProto[] attributes) => [name, input, weight, attributes];
}
