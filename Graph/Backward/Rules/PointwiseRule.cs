namespace QuiltNet.Graph.Backward.Rules;

/// <summary>An element-wise operator of one differentiable input: the gradient is g·f′, with f′ built by <paramref name="derivative"/>.</summary>
internal sealed class PointwiseRule(Func<GradientContext, string> derivative) : IGradientRule
{
    public void Emit(GradientContext c) => c.SetGradient(0, c.E.Mul(c.Upstream(), derivative(c)));
}
