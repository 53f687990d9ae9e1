namespace QuiltNet.Graph.Backward.Rules;

internal sealed class AddRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        c.SetGradientIfNeeded(0, () => c.E.SumToShape(c.Upstream(), c.Y, c.Input(0)));
        c.SetGradientIfNeeded(1, () => c.E.SumToShape(c.Upstream(), c.Y, c.Input(1)));
    }
}
