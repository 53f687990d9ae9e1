namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// Nearest-neighbour Resize copies elements: resizing the input's flat positions with the node's own
/// attributes (coordinate transformation, rounding) tells where each gradient element goes. ONNX
/// Runtime's Resize has no int64 kernel, so the positions travel as float, exact below 2^24 elements.
/// </summary>
internal sealed class ResizeRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        string mode = c.Node.String("mode", "nearest");
        if (mode != "nearest")
            throw c.Unsupported($"mode \"{mode}\" (only \"nearest\" is differentiated)");
        var e = c.E;
        long elements = e.BoundShape(c.X).Aggregate(1L, (p, d) => p * d);
        if (elements >= IndexScatter.ExactInFloat)
            throw c.Unsupported($"inputs of {elements} elements (positions are exact in float below 2^24)");
        var inputs = c.Node.Input.Skip(1).Prepend(e.FlatPositions(c.X, ElementType.Float));
        string positions = e.Node("Resize", inputs, c.Node.AttributeCopies());
        c.SetGradient(0, e.ScatterAdd(c.Upstream(), e.Cast(positions, ElementType.Int64), c.X));
    }
}
