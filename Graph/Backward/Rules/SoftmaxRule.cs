namespace QuiltNet.Graph.Backward.Rules;

/// <summary>∂x = y·(g − Σ g·y) with the sum over the softmax axis (opset 13+: one axis).</summary>
internal sealed class SoftmaxRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        string g = c.Upstream();
        string dot = e.ReduceSum(e.Mul(g, c.Y), [c.Node.Int("axis", -1)], keepDims: true);
        c.SetGradient(0, e.Mul(c.Y, e.Sub(g, dot)));
    }
}
