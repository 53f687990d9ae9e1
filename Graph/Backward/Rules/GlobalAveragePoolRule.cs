namespace QuiltNet.Graph.Backward.Rules;

internal sealed class GlobalAveragePoolRule : IGradientRule
{
    public void Emit(GradientContext c) => c.SetGradient(0, ReduceRule.SpreadMean(c.E, c.Upstream(), c.X, c.Y));
}
