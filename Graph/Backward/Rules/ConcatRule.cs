namespace QuiltNet.Graph.Backward.Rules;

/// <summary>Splits the gradient back into the inputs' extents along the axis, read at run time so a concatenated batch axis works.</summary>
internal sealed class ConcatRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        int rank = e.Rank(c.Y);
        long axis = (c.Node.Int("axis", 0) + rank) % rank;
        var extents = c.Node.Input.Select(x => e.ShapeRange(x, axis, axis + 1));
        var parts = e.Node("Split", [c.Upstream(), e.Node("Concat", extents, Attr.Int("axis", 0))], c.Node.Input.Count, Attr.Int("axis", axis));
        for (int i = 0; i < parts.Length; i++)
            if (c.Needs(i))
                c.SetGradient(i, parts[i]);
    }
}
