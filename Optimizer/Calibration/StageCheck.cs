namespace QuiltNet.Optimizer.Calibration;

/// <summary>One stage of one split: what the cost model predicts for it and what it measured on this machine.</summary>
/// <param name="Stages">How many stages the split has.</param>
/// <param name="Index">The stage's index in its split.</param>
/// <param name="Start">First node position.</param>
/// <param name="End">One past the last node position.</param>
/// <param name="Chip">The chip the prediction is for.</param>
/// <param name="PredictedSeconds">The cost model's time per inference.</param>
/// <param name="MeasuredSeconds">The median measured time of one batch-1 run on one thread.</param>
/// <param name="FastSeconds">The 10th percentile of the same runs: on a machine other work shares, what a run the
/// scheduler did not interrupt takes (calibration times its micro-benchmarks the same way).</param>
public sealed record StageCheck(int Stages, int Index, int Start, int End, string Chip, double PredictedSeconds, double MeasuredSeconds, double FastSeconds)
{
    /// <summary>(predicted − measured) / measured, in per cent.</summary>
    public double ErrorPercent => 100 * (PredictedSeconds - MeasuredSeconds) / MeasuredSeconds;
}
