namespace QuiltNet.Graph.Backward.Rules;

internal sealed class IdentityRule : IGradientRule
{
    public void Emit(GradientContext c) => c.SetGradient(0, c.Upstream());
}
