namespace QuiltNet.Graph.Backward.Rules;

internal sealed class MulRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        c.SetGradientIfNeeded(0, () => e.SumToShape(e.Mul(c.Upstream(), c.Input(1)), c.Y, c.Input(0)));
        c.SetGradientIfNeeded(1, () => e.SumToShape(e.Mul(c.Upstream(), c.Input(0)), c.Y, c.Input(1)));
    }
}
