namespace QuiltNet.Optimizer.Calibration;

/// <summary>Every stage checked, the median absolute error and how well the prediction ranks the stages.</summary>
/// <param name="Model">The model's file name.</param>
/// <param name="System">The system whose chips the predictions are for.</param>
/// <param name="Stages">Every stage of every split.</param>
/// <param name="MedianAbsoluteErrorPercent">Median over the stages of |error|.</param>
/// <param name="Spearman">Spearman's rank correlation of predicted against measured times (1: same order).</param>
public sealed record ValidationReport(string Model, string System, IReadOnlyList<StageCheck> Stages, double MedianAbsoluteErrorPercent, double Spearman)
{
    /// <summary>The summary figures over any set of checked stages (several models' together, say).</summary>
    public static (double MedianAbsoluteErrorPercent, double Spearman) Summarise(IReadOnlyList<StageCheck> stages)
    {
        var errors = stages.Select(s => Math.Abs(s.ErrorPercent)).Order().ToList();
        double median = errors.Count == 0 ? double.NaN
            : errors.Count % 2 == 1 ? errors[errors.Count / 2] : (errors[errors.Count / 2 - 1] + errors[errors.Count / 2]) / 2;
        return (median, RankCorrelation(stages.Select(s => s.PredictedSeconds).ToList(), stages.Select(s => s.MeasuredSeconds).ToList()));
    }

    private static double RankCorrelation(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2) return double.NaN;
        var ra = Ranks(a);
        var rb = Ranks(b);
        double ma = ra.Average(), mb = rb.Average();
        double cov = ra.Zip(rb).Sum(p => (p.First - ma) * (p.Second - mb));
        double va = Math.Sqrt(ra.Sum(x => (x - ma) * (x - ma))), vb = Math.Sqrt(rb.Sum(x => (x - mb) * (x - mb)));
        return va == 0 || vb == 0 ? double.NaN : cov / (va * vb);
    }

    // Average ranks, so ties share one.
    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = values.Select((x, i) => (x, i)).OrderBy(p => p.x).ToList();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Count;)
        {
            int end = start;
            while (end + 1 < order.Count && order[end + 1].x == order[start].x) end++;
            for (int r = start; r <= end; r++) ranks[order[r].i] = (start + end) / 2.0;
            start = end + 1;
        }
        return ranks;
    }
}
