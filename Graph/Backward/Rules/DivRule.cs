namespace QuiltNet.Graph.Backward.Rules;

/// <summary>y = a / b: ∂a = g / b, ∂b = −g·a / b² = −g·y / b.</summary>
internal sealed class DivRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        c.SetGradientIfNeeded(0, () => e.SumToShape(e.Div(c.Upstream(), c.Input(1)), c.Y, c.Input(0)));
        c.SetGradientIfNeeded(1, () => e.SumToShape(e.Neg(e.Div(e.Mul(c.Upstream(), c.Y), c.Input(1))), c.Y, c.Input(1)));
    }
}
