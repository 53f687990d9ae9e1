namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// LayerNormalization over axes [axis, rank): with x̂ = (x − μ)·r (r the inverse standard deviation),
/// gs = g·γ and ⟨·⟩ the mean over the normalized axes, ∂x = r·(gs − ⟨gs⟩ − x̂·⟨gs·x̂⟩), ∂γ = Σ g·x̂ and
/// ∂β = Σ g over the leading axes. μ and r come from the operator's own optional outputs, so they
/// match the forward pass exactly.
/// </summary>
internal sealed class LayerNormalizationRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        string x = c.X, g = c.Upstream();
        int rank = e.Rank(x);
        long axis = (c.Node.Int("axis", -1) + rank) % rank;
        long[] axes = Enumerable.Range((int)axis, rank - (int)axis).Select(i => (long)i).ToArray();
        var (mean, invStd) = Statistics(c);
        string normalized = e.Mul(e.Sub(x, mean), invStd);

        c.SetGradientIfNeeded(0, () =>
        {
            long count = e.BoundShape(x)[(int)axis..].Aggregate(1L, (p, d) => p * d);
            string Mean(string v) => e.Mul(e.ReduceSum(v, axes, keepDims: true), e.Scalar(1.0 / count, c.Type));
            string gs = e.Mul(g, c.Input(1));
            string centered = e.Sub(e.Sub(gs, Mean(gs)), e.Mul(normalized, Mean(e.Mul(gs, normalized))));
            return e.Mul(invStd, centered);
        });
        c.SetGradientIfNeeded(1, () => e.SumToShape(e.Mul(g, normalized), e.Dims(x), e.Dims(c.Input(1))));
        c.SetGradientIfNeeded(2, () => e.SumToShape(g, e.Dims(x), e.Dims(c.Input(2))));
    }

    /// <summary>Mean and inverse standard deviation, from the forward node when it outputs them, else from a copy that does.</summary>
    private static (string Mean, string InvStd) Statistics(GradientContext c)
    {
        var e = c.E;
        string[] outputs = c.Node.Output.Count >= 3 && c.Node.Output[1].Length > 0 && c.Node.Output[2].Length > 0
            ? [.. c.Node.Output]
            : e.Node("LayerNormalization", c.Node.Input, 3, c.Node.AttributeCopies());
        // Statistics are computed in stash_type (float); bring them to the data's type.
        string InDataType(string s) => c.Type == ElementType.Float ? s : e.Cast(s, c.Type);
        return (InDataType(outputs[1]), InDataType(outputs[2]));
    }
}
