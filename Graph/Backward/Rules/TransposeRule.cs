namespace QuiltNet.Graph.Backward.Rules;

internal sealed class TransposeRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        int rank = c.E.Rank(c.X);
        var perm = c.Node.Ints("perm") ?? Enumerable.Range(0, rank).Reverse().Select(i => (long)i).ToArray();
        var inverse = new long[rank];
        for (int i = 0; i < rank; i++)
            inverse[perm[i]] = i;
        c.SetGradient(0, c.E.Transpose(c.Upstream(), inverse));
    }
}
