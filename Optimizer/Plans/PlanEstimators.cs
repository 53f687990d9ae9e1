using QuiltNet.Estimators.MlNet;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// A deployment plan as ML.NET estimator options: its model and its cuts with the compression it chose, for
/// <c>mlContext.Transforms.PartitionOnnxModel(PlanEstimators.PartitionOptions("plan.json"))</c>. Fitting
/// then trains the plan's autoencoders on the app's own data.
/// </summary>
public static class PlanEstimators
{
    /// <summary>The estimator's options for the plan in <paramref name="planFile"/>: its model, its cuts and each cut's option.</summary>
    /// <param name="planFile">plan.json, or its folder.</param>
    /// <param name="outputColumnName">The column the last stage's output goes to.</param>
    /// <param name="inputColumnName">The column the first stage reads.</param>
    public static PartitionOnnxModelEstimator.Options PartitionOptions(string planFile, string outputColumnName = "Score", string inputColumnName = "Features")
    {
        var plan = PlanFile.Read(planFile);
        string model = PlanFile.ModelFile(planFile, plan);
        return new PartitionOnnxModelEstimator.Options
        {
            ModelFile = model,
            OutputColumnName = outputColumnName,
            InputColumnName = inputColumnName,
            Cuts = plan.Cuts.Select(c => c.Option is { } o ? new PartitionCut(c.Position, o.Ratio, o.Bits, o.Stride) : PartitionCut.Uncompressed(c.Position)).ToList(),
        };
    }
}
