using QuiltNet.Optimizer.AutoML;

namespace QuiltNet.Optimizer.Tests.AutoML;

/// <summary>Synthetic objectives with known minima.</summary>
internal static class Objectives
{
    public static SearchSpace BraninSpace { get; } = new(new UniformFloat("x1", -5, 10), new UniformFloat("x2", 0, 15));

    /// <summary>Branin–Hoo; its minimum, 0.397887, is reached at three points.</summary>
    public static double Branin(Parameters p)
    {
        double x1 = p.GetDouble("x1"), x2 = p.GetDouble("x2");
        double a = x2 - 5.1 / (4 * Math.PI * Math.PI) * x1 * x1 + 5 / Math.PI * x1 - 6;
        return a * a + 10 * (1 - 1 / (8 * Math.PI)) * Math.Cos(x1) + 10;
    }

    /// <summary>Four mixed parameters: a log-scale float, an int, a float and a choice; minimum 0 at (0.01, 7, 0.3, "b").</summary>
    public static SearchSpace MixedSpace { get; } = new(
        new UniformFloat("rate", 1e-4, 1, logScale: true),
        new UniformInt("width", 1, 16),
        new UniformFloat("shift", -1, 1),
        new Choice("kind", "a", "b", "c"));

    public static double ShiftedQuadratic(Parameters p)
    {
        double rate = Math.Log10(p.GetDouble("rate")) + 2, width = (p.GetInt("width") - 7) / 4.0, shift = p.GetDouble("shift") - 0.3;
        double kind = p.GetString("kind") switch { "a" => 0.5, "b" => 0, _ => 1 };
        return rate * rate + width * width + shift * shift + kind;
    }
}
