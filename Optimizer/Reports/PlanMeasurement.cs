using QuiltNet.Data;
using QuiltNet.Runtime;

namespace QuiltNet.Optimizer.Reports;

/// <summary>
/// Runs a written plan's stages as a pipeline on this machine (in process, one ONNX Runtime session and thread per stage)
/// over the evaluation data, so the report can set measured figures beside predicted ones: the accuracy must match the
/// plan's exactly; throughput and latency are this machine's, not the target system's.
/// </summary>
public static class PlanMeasurement
{
    /// <summary>Runs the stages written in <paramref name="planFolder"/> over <paramref name="evaluation"/>.</summary>
    /// <param name="planFolder">The folder of plan.json and its stages.</param>
    /// <param name="evaluation">The labelled images the plan's accuracy was measured on.</param>
    /// <param name="cancellationToken">Stops the run within a second.</param>
    public static RuntimeReport Run(string planFolder, SampleSet evaluation, CancellationToken cancellationToken = default)
    {
        using var pipeline = StagePipeline.Open(StageFolder.Load(planFolder));
        return pipeline.Run(evaluation, new RuntimeOptions(), cancellationToken);
    }
}
