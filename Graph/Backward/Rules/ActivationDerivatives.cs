namespace QuiltNet.Graph.Backward.Rules;

/// <summary>
/// Derivatives of activation functions, for <see cref="PointwiseRule"/>. At kinks the derivative is
/// taken from the flat side (0 at Relu's 0, 0 at Clip's bounds), as PyTorch does.
/// </summary>
internal static class ActivationDerivatives
{
    public static string Relu(GradientContext c) => c.E.Cast(c.E.Node("Greater", [c.X, c.E.Scalar(0, c.Type)]), c.Type);

    /// <summary>1 strictly inside the optional bounds (inputs 1 and 2), else 0.</summary>
    public static string Clip(GradientContext c)
    {
        var e = c.E;
        var inside = new List<string>();
        if (c.HasInput(1)) inside.Add(e.Node("Greater", [c.X, c.Input(1)]));
        if (c.HasInput(2)) inside.Add(e.Node("Less", [c.X, c.Input(2)]));
        return inside.Count switch
        {
            0 => e.Scalar(1, c.Type),
            1 => e.Cast(inside[0], c.Type),
            _ => e.Cast(e.Node("And", inside), c.Type),
        };
    }

    /// <summary>σ′ = y·(1 − y).</summary>
    public static string Sigmoid(GradientContext c) => c.E.Mul(c.Y, c.E.Sub(c.E.Scalar(1, c.Type), c.Y));

    /// <summary>tanh′ = 1 − y².</summary>
    public static string Tanh(GradientContext c) => c.E.Sub(c.E.Scalar(1, c.Type), c.E.Mul(c.Y, c.Y));

    /// <summary>y = max(0, min(1, αx + β)): α where 0 &lt; αx + β &lt; 1, else 0.</summary>
    public static string HardSigmoid(GradientContext c)
    {
        var e = c.E;
        double alpha = c.Node.Float("alpha", 0.2f), beta = c.Node.Float("beta", 0.5f);
        string t = e.Add(e.Mul(c.X, e.Scalar(alpha, c.Type)), e.Scalar(beta, c.Type));
        string inside = e.Node("And", [e.Node("Greater", [t, e.Scalar(0, c.Type)]), e.Node("Less", [t, e.Scalar(1, c.Type)])]);
        return e.Mul(e.Cast(inside, c.Type), e.Scalar(alpha, c.Type));
    }

    /// <summary>y = x·max(0, min(1, x/6 + ½)): 0 below −3, 1 above 3, x/3 + ½ between.</summary>
    public static string HardSwish(GradientContext c)
    {
        var e = c.E;
        string ramp = e.Add(e.Div(c.X, e.Scalar(3, c.Type)), e.Scalar(0.5, c.Type));
        string upper = e.Node("Where", [e.Node("Greater", [c.X, e.Scalar(3, c.Type)]), e.Scalar(1, c.Type), ramp]);
        return e.Node("Where", [e.Node("Less", [c.X, e.Scalar(-3, c.Type)]), e.Scalar(0, c.Type), upper]);
    }

    /// <summary>
    /// Gelu (opset 20). Exact: y = x·Φ(x), y′ = Φ(x) + x·φ(x). Tanh approximation: y = ½x(1 + tanh u),
    /// u = √(2/π)(x + 0.044715x³), y′ = ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715x²).
    /// </summary>
    public static string Gelu(GradientContext c)
    {
        var e = c.E;
        string x = c.X;
        string S(double value) => e.Scalar(value, c.Type);
        string square = e.Mul(x, x);
        if (c.Node.String("approximate", "none") == "tanh")
        {
            const double cubic = 0.044715;
            double scale = Math.Sqrt(2 / Math.PI);
            string u = e.Mul(e.Add(x, e.Mul(e.Mul(square, x), S(cubic))), S(scale));
            string t = e.Node("Tanh", [u]);
            string du = e.Mul(e.Add(S(1), e.Mul(square, S(3 * cubic))), S(scale));
            string outer = e.Mul(e.Add(S(1), t), S(0.5));
            string inner = e.Mul(e.Mul(e.Mul(x, S(0.5)), e.Sub(S(1), e.Mul(t, t))), du);
            return e.Add(outer, inner);
        }
        string cdf = e.Mul(e.Add(S(1), e.Node("Erf", [e.Mul(x, S(1 / Math.Sqrt(2)))])), S(0.5));
        string pdf = e.Mul(e.Node("Exp", [e.Mul(square, S(-0.5))]), S(1 / Math.Sqrt(2 * Math.PI)));
        return e.Add(cdf, e.Mul(x, pdf));
    }
}
