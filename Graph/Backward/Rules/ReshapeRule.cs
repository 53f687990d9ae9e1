namespace QuiltNet.Graph.Backward.Rules;

/// <summary>Reshape, Flatten, Squeeze and Unsqueeze keep the element order: the gradient takes the input's shape back.</summary>
internal sealed class ReshapeRule : IGradientRule
{
    public void Emit(GradientContext c) => c.SetGradient(0, c.E.Reshape(c.Upstream(), c.E.ShapeOf(c.X)));
}
