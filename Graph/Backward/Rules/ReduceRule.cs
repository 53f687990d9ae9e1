namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// ReduceSum and ReduceMean: the gradient is spread back over the reduced axes (divided by the count
/// for the mean). Axes come from the attribute (ReduceMean up to opset 17) or the second input.
/// </summary>
internal sealed class ReduceRule(bool mean) : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        var attributeAxes = c.Node.Ints("axes") is { Length: > 0 } listed ? listed : null;
        bool hasAxes = attributeAxes is not null || c.HasInput(1);
        if (!hasAxes && c.Node.Int("noop_with_empty_axes", 0) != 0)
        {
            c.SetGradient(0, c.Upstream());
            return;
        }
        string g = c.Upstream();
        if (hasAxes && c.Node.Int("keepdims", 1) == 0)
            g = attributeAxes is null ? e.Node("Unsqueeze", [g, c.Input(1)]) : e.Unsqueeze(g, attributeAxes);
        c.SetGradient(0, mean ? SpreadMean(e, g, c.X, c.Y) : e.Expand(g, e.ShapeOf(c.X)));
    }

    /// <summary>
    /// The gradient of a mean of <paramref name="x"/> into <paramref name="y"/>: <paramref name="g"/>
    /// (with y's reduced axes kept as 1) broadcast back to x and divided by how many elements each mean
    /// took, counted at run time so a reduced batch axis works.
    /// </summary>
    public static string SpreadMean(GraphEmitter e, string g, string x, string y)
    {
        var type = e.TypeOf(y);
        string share = e.Div(e.SizeAs(y, type), e.SizeAs(x, type));
        return e.Mul(e.Expand(g, e.ShapeOf(x)), share);
    }
}
