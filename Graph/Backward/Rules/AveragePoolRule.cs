namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// AveragePool spreads each output's gradient evenly over its window: a depthwise transposed
/// convolution with a kernel of ones applied to g / divisor. The divisor of each window (which
/// count_include_pad and ceil_mode change) is read off the operator itself: with n = the window's
/// count of real input elements (a convolution of ones with ones) and a = AveragePool of ones = n /
/// divisor, g / divisor = g·a / n.
/// </summary>
internal sealed class AveragePoolRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        string x = c.X;
        long[] shape = e.BoundShape(x);
        long[] inputSpatial = shape[2..], outputSpatial = e.BoundShape(c.Y)[2..];
        var kernel = c.Node.Ints("kernel_shape") ?? throw c.Unsupported("a missing kernel_shape");
        var geometry = ConvGeometry.Of(c, kernel, inputSpatial).Reaching(inputSpatial, outputSpatial);
        long channels = shape[1];

        string ones = e.FilledLike(x, 1);
        string onesKernel = e.Filled(1, c.Type, [channels, 1, .. kernel]);
        string counts = e.Node("Conv", [ones, onesKernel], geometry.Attributes(Attr.Int("group", channels)));
        string averagedOnes = e.Node("AveragePool", [ones], c.Node.AttributeCopies());
        string perElement = e.Div(e.Mul(c.Upstream(), averagedOnes), counts);
        c.SetGradient(0, e.Node("ConvTranspose", [perElement, onesKernel], geometry.TransposedAttributes(inputSpatial, outputSpatial, channels)));
    }
}
