namespace QuiltNet.Graph.Backward.Rules;

/// <summary>Concatenates the outputs' gradients, with zeros for outputs no gradient reaches.</summary>
internal sealed class SplitRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        long axis = c.Node.Int("axis", 0);
        var parts = Enumerable.Range(0, c.Node.Output.Count).Select(k => c.Upstream(k)).ToList();
        c.SetGradient(0, c.E.Node("Concat", parts, Attr.Int("axis", axis)));
    }
}
