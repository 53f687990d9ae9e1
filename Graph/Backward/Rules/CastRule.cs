namespace QuiltNet.Graph.Backward.Rules;

/// <summary>A cast between float and double passes the gradient back in the input's type.</summary>
internal sealed class CastRule : IGradientRule
{
    public void Emit(GradientContext c) => c.SetGradient(0, c.E.Cast(c.Upstream(), c.E.TypeOf(c.X)));
}
