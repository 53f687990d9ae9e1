namespace QuiltNet.Graph.Backward.Rules;

/// <summary>y = a^b: ∂a = g·b·a^(b−1), ∂b = g·y·ln a (defined for a &gt; 0, as in other frameworks).</summary>
internal sealed class PowRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        string a = c.Input(0), b = c.Input(1);
        c.SetGradientIfNeeded(0, () =>
        {
            // The exponent may be an integer tensor; the gradient flows in the base's type.
            string exponent = e.TypeOf(b) == c.Type ? b : e.Cast(b, c.Type);
            string slope = e.Mul(exponent, e.Node("Pow", [a, e.Sub(exponent, e.Scalar(1, c.Type))]));
            return e.SumToShape(e.Mul(c.Upstream(), slope), c.Y, a);
        });
        c.SetGradientIfNeeded(1, () => e.SumToShape(e.Mul(e.Mul(c.Upstream(), c.Y), e.Node("Log", [a])), c.Y, b));
    }
}
