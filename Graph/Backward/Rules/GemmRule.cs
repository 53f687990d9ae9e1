namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// y = α·op(a)·op(b) + β·c with op = optional transpose. Each product gradient is itself one Gemm
/// whose transpose flags absorb the forward ones: with op(a) = a, ∂a = α·g·op(b)ᵀ; with op(a) = aᵀ,
/// ∂a = α·op(b)·gᵀ (and likewise for b); ∂c = β·g summed over the axes c was broadcast along.
/// </summary>
internal sealed class GemmRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        var e = c.E;
        float alpha = c.Node.Float("alpha", 1f), beta = c.Node.Float("beta", 1f);
        bool transA = c.Node.Int("transA", 0) != 0, transB = c.Node.Int("transB", 0) != 0;
        string a = c.Input(0), b = c.Input(1), g = c.Upstream();
        c.SetGradientIfNeeded(0, () => transA
            ? Gemm(e, b, g, transB, true, alpha)
            : Gemm(e, g, b, false, !transB, alpha));
        c.SetGradientIfNeeded(1, () => transB
            ? Gemm(e, g, a, true, transA, alpha)
            : Gemm(e, a, g, !transA, false, alpha));
        c.SetGradientIfNeeded(2, () =>
        {
            string summed = e.SumToShape(g, c.Y, c.Input(2));
            return beta == 1f ? summed : e.Mul(summed, e.Scalar(beta, c.Type));
        });
    }

    private static string Gemm(GraphEmitter e, string a, string b, bool transA, bool transB, float alpha) =>
        e.Node("Gemm", [a, b], Attr.Int("transA", transA ? 1 : 0), Attr.Int("transB", transB ? 1 : 0), Attr.Float("alpha", alpha));
}
