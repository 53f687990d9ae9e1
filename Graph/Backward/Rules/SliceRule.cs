namespace QuiltNet.Graph.Backward.Rules;

/// <summary>Slicing the input's flat positions with the same starts, ends, axes and steps tells where each gradient element goes.</summary>
internal sealed class SliceRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        var inputs = c.Node.Input.Skip(1).Prepend(e.FlatPositions(c.X, ElementType.Int64));
        c.SetGradient(0, e.ScatterAdd(c.Upstream(), e.Node("Slice", inputs), c.X));
    }
}
