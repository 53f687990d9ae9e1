namespace QuiltNet.Graph.Backward.Rules;

/// <summary>Gathering the input's flat positions tells where each gradient element goes; repeated indices add up.</summary>
internal sealed class GatherRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        string positions = e.Node("Gather", [e.FlatPositions(c.X, ElementType.Int64), c.Input(1)], Attr.Int("axis", c.Node.Int("axis", 0)));
        c.SetGradient(0, e.ScatterAdd(c.Upstream(), positions, c.X));
    }
}
