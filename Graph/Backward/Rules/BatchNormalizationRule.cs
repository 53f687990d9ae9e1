namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// BatchNormalization in inference mode, y = (x − μ)·k + β with k = γ/√(σ² + ε) per channel (axis 1):
/// ∂x = g·k, ∂γ = Σ g·(x − μ)/√(σ² + ε), ∂β = Σ g, ∂μ = −k·Σ g, ∂σ² = −½·γ·(σ² + ε)^(−3/2)·Σ g·(x − μ),
/// with the sums over every axis but the channel's.
/// </summary>
internal sealed class BatchNormalizationRule : IGradientRule
{
    public void Emit(GradientContext c)
    {
        if (c.Node.Int("training_mode", 0) != 0 || c.Node.Output.Skip(1).Any(o => o.Length > 0))
            throw c.Unsupported("training mode (only inference-mode batch normalization is differentiated)");
        var e = c.E;
        string x = c.X, scale = c.Input(1), mean = c.Input(3), variance = c.Input(4), g = c.Upstream();
        int rank = e.Rank(x);
        string PerChannel(string v) => rank == 2 ? v : e.Unsqueeze(v, Enumerable.Range(1, rank - 2).Select(i => (long)i).ToArray());

        string invStd = e.Node("Reciprocal", [e.Node("Sqrt", [e.Add(variance, e.Scalar(c.Node.Float("epsilon", 1e-5f), c.Type))])]);
        string k = e.Mul(scale, invStd);
        var gCentered = new Lazy<string>(() => e.SumPerChannel(e.Mul(g, e.Sub(x, PerChannel(mean))), rank));
        var gSum = new Lazy<string>(() => e.SumPerChannel(g, rank));

        c.SetGradientIfNeeded(0, () => e.Mul(g, PerChannel(k)));
        c.SetGradientIfNeeded(1, () => e.Mul(gCentered.Value, invStd));
        c.SetGradientIfNeeded(2, () => gSum.Value);
        c.SetGradientIfNeeded(3, () => e.Neg(e.Mul(gSum.Value, k)));
        c.SetGradientIfNeeded(4, () =>
        {
            string invStdCubed = e.Mul(invStd, e.Mul(invStd, invStd));
            return e.Mul(e.Mul(gCentered.Value, e.Mul(scale, invStdCubed)), e.Scalar(-0.5, c.Type));
        });
    }
}
