using Onnx;
using QuiltNet.Graph.Backward;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>
/// Pooling against central finite differences (ε = 1e-2, relative L2 error ≤ 1e-3). MaxPool inputs
/// are distinct values 0.05 apart, so no ±ε step changes which element wins a window.
/// </summary>
public sealed class PoolGradientTests
{
    private static readonly GradientCheck Check = new();

    public static IEnumerable<object[]> MaxPoolCases =>
    [
        Case("2x2 stride 2", [2, 2, 4, 4], Attr.Ints("kernel_shape", [2, 2]), Attr.Ints("strides", [2, 2])),
        Case("overlapping 3x3 stride 1 pad 1", [1, 2, 5, 5], Attr.Ints("kernel_shape", [3, 3]), Attr.Ints("pads", [1, 1, 1, 1])),
        Case("ceil mode", [1, 2, 6, 5], Attr.Ints("kernel_shape", [3, 3]), Attr.Ints("strides", [2, 2]), Attr.Int("ceil_mode", 1)),
        Case("1-D overlapping", [2, 3, 8], Attr.Ints("kernel_shape", [3]), Attr.Ints("strides", [2])),
        Case("dilated", [1, 2, 6, 6], Attr.Ints("kernel_shape", [2, 2]), Attr.Ints("dilations", [2, 2])),
    ];

    public static IEnumerable<object[]> AveragePoolCases =>
    [
        Case("2x2 stride 2", [2, 2, 4, 4], Attr.Ints("kernel_shape", [2, 2]), Attr.Ints("strides", [2, 2])),
        Case("pads excluded from count", [1, 2, 5, 5], Attr.Ints("kernel_shape", [3, 3]), Attr.Ints("pads", [1, 1, 1, 1])),
        Case("pads included in count", [1, 2, 5, 5], Attr.Ints("kernel_shape", [3, 3]), Attr.Ints("pads", [1, 0, 1, 2]), Attr.Int("count_include_pad", 1)),
        Case("ceil mode", [1, 2, 6, 5], Attr.Ints("kernel_shape", [3, 3]), Attr.Ints("strides", [2, 2]), Attr.Ints("pads", [1, 1, 0, 0]), Attr.Int("ceil_mode", 1)),
        Case("ceil mode counting pads", [1, 1, 7, 6], Attr.Ints("kernel_shape", [2, 3]), Attr.Ints("strides", [2, 2]), Attr.Ints("pads", [1, 1, 1, 1]), Attr.Int("ceil_mode", 1), Attr.Int("count_include_pad", 1)),
        Case("1-D", [2, 3, 7], Attr.Ints("kernel_shape", [3]), Attr.Ints("strides", [2])),
    ];

    [Theory]
    [MemberData(nameof(MaxPoolCases))]
    public void MaxPool_scatters_gradient_to_the_window_maxima(string name, long[] shape, AttributeProto[] attributes) =>
        Verify("MaxPool", Values.Distinct(new Random(name.Length), shape, 0.05), attributes);

    [Theory]
    [MemberData(nameof(AveragePoolCases))]
    public void AveragePool_spreads_gradient_over_the_windows(string name, long[] shape, AttributeProto[] attributes) =>
        Verify("AveragePool", Values.Uniform(new Random(name.Length), shape, -1, 1), attributes);

    [Theory]
    [InlineData(new long[] { 2, 3, 4, 4 })]
    [InlineData(new long[] { 1, 2, 5 })]
    [InlineData(new long[] { 2, 2, 2, 3, 2 })]
    public void GlobalAveragePool_spreads_gradient_evenly(long[] shape) =>
        Verify("GlobalAveragePool", Values.Uniform(new Random(shape.Length), shape, -1, 1), []);

    private static void Verify(string op, HostTensor input, AttributeProto[] attributes)
    {
        var model = new OpModel().Input("x", input).Node(op, ["x"], ["y"], attributes).Output("y");
        Check.Verify(model.Build(), model.Values, ["x"]);
    }

    private static object[] Case(string name, long[] shape, params AttributeProto[] attributes) => [name, shape, attributes];
}
