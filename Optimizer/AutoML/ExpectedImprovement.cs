using MathNet.Numerics.Distributions;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// How much a configuration is expected to beat the best loss so far, if its loss is Normal(mean, sd):
/// EI = (best − μ)Φ(z) + σφ(z), z = (best − μ)/σ. It is high where the surrogate predicts low loss and where it is unsure.
/// </summary>
internal static class ExpectedImprovement
{
    public static double Of(double bestLoss, double mean, double standardDeviation)
    {
        double gain = bestLoss - mean;
        if (standardDeviation <= 0) return Math.Max(gain, 0);
        double z = gain / standardDeviation;
        return gain * Normal.CDF(0, 1, z) + standardDeviation * Normal.PDF(0, 1, z);
    }
}
