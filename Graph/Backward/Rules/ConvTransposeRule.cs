namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// ConvTranspose is the adjoint of Conv with the same weight and geometry: the input gradient is that
/// Conv applied to g, and since ⟨g, convᵀ_w(x)⟩ = ⟨conv_w(g), x⟩ the weight gradient is Conv's weight
/// gradient with g as the input and x as the output gradient.
/// </summary>
internal sealed class ConvTransposeRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        if (c.Node.Has("output_shape"))
            throw c.Unsupported("an output_shape attribute (give pads and output_padding instead)");
        if (c.Node.String("auto_pad", "NOTSET") is not ("NOTSET" or "VALID") and var autoPad)
            throw c.Unsupported($"auto_pad \"{autoPad}\"");
        string x = c.X, w = c.Input(1), g = c.Upstream();
        long group = c.Node.Int("group", 1);
        long[] gradSpatial = e.BoundShape(c.Y)[2..];
        var geometry = ConvGeometry.Of(c, e.BoundShape(w)[2..], gradSpatial);

        c.SetGradientIfNeeded(0, () => e.Node("Conv", [g, w], geometry.Attributes(Attr.Int("group", group))));
        c.SetGradientIfNeeded(1, () => ConvWeightGradient.Emit(e, (g, e.BoundShape(c.Y)), (x, e.BoundShape(x)), geometry, group));
        c.SetGradientIfNeeded(2, () => e.SumPerChannel(g, gradSpatial.Length + 2));
    }
}
