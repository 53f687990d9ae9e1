namespace QuiltNet.Graph.Backward.Rules;

/// <summary>∂x = g − eʸ·Σ g with the sum over the axis (eʸ is the softmax).</summary>
internal sealed class LogSoftmaxRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        string g = c.Upstream();
        string total = e.ReduceSum(g, [c.Node.Int("axis", -1)], keepDims: true);
        c.SetGradient(0, e.Sub(g, e.Mul(e.Node("Exp", [c.Y]), total)));
    }
}
