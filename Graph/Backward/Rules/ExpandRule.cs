namespace QuiltNet.Graph.Backward.Rules;

internal sealed class ExpandRule : IGradientRule
{
    public void Emit(GradientContext c) => c.SetGradient(0, c.E.SumToShape(c.Upstream(), c.Y, c.X));
}
