namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// Conv: the input gradient is the transposed convolution of g with the same weight, strides, pads,
/// dilations and groups, with output_padding restoring input rows the windows never reached; the
/// weight gradient is <see cref="ConvWeightGradient"/>; the bias gradient sums g over all axes but
/// the channel's.
/// </summary>
internal sealed class ConvRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        string x = c.X, w = c.Input(1), g = c.Upstream();
        long[] inputSpatial = e.BoundShape(x)[2..], outputSpatial = e.BoundShape(c.Y)[2..];
        long group = c.Node.Int("group", 1);
        var geometry = ConvGeometry.Of(c, e.BoundShape(w)[2..], inputSpatial);

        c.SetGradientIfNeeded(0, () => e.Node("ConvTranspose", [g, w], geometry.TransposedAttributes(inputSpatial, outputSpatial, group)));
        c.SetGradientIfNeeded(1, () => ConvWeightGradient.Emit(e, (x, e.BoundShape(x)), (g, e.BoundShape(c.Y)), geometry, group));
        c.SetGradientIfNeeded(2, () => e.SumPerChannel(g, inputSpatial.Length + 2));
    }
}
