namespace QuiltNet.Graph.Backward.Rules;

/// <summary>Derivatives of elementary functions, for <see cref="PointwiseRule"/>.</summary>
internal static class MathDerivatives
{
    public static string Neg(GradientContext c) => c.E.Scalar(-1, c.Type);

    /// <summary>(eˣ)′ = y.</summary>
    public static string Exp(GradientContext c) => c.Y;

    public static string Log(GradientContext c) => c.E.Node("Reciprocal", [c.X]);

    /// <summary>(√x)′ = 1 / (2y).</summary>
    public static string Sqrt(GradientContext c) => c.E.Div(c.E.Scalar(0.5, c.Type), c.Y);

    /// <summary>erf′(x) = 2/√π · e^(−x²).</summary>
    public static string Erf(GradientContext c)
    {
        var e = c.E;
        string gauss = e.Node("Exp", [e.Neg(e.Mul(c.X, c.X))]);
        return e.Mul(gauss, e.Scalar(2 / Math.Sqrt(Math.PI), c.Type));
    }
}
