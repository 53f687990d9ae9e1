using System.CommandLine;
using QuiltNet.Data.Metrics;
using QuiltNet.Graph;

namespace QuiltNet.Cli;

/// <summary>
/// --metric and its constraints, defined once for compress, partition and optimize: each metric has its own flag for its
/// constraint, and a constraint given for another metric is an error rather than silently ignored.
/// </summary>
public sealed class MetricOptions
{
    public MetricOptions(double defaultAccuracyLossPp)
    {
        Metric = new Option<string?>("--metric")
        {
            Description = "What plans are measured by: accuracy (top-1 against the labels), agreement (top-1 agreement with the uncompressed model, " +
                "no labels needed) or relative-error (each output's relative L2 error against the uncompressed model, any model). " +
                "Default: accuracy where the data has labels, else agreement.",
        };
        MaxAccuracyLoss = new Option<double?>("--max-accuracy-loss")
        {
            Description = $"With --metric accuracy: top-1 accuracy the plan may lose, in percentage points (default {defaultAccuracyLossPp}).",
        };
        MinAgreement = new Option<double?>("--min-agreement")
        {
            Description = $"With --metric agreement: the least fraction of inputs whose top-1 class stays the uncompressed model's (default {DefaultMinAgreement}).",
        };
        MaxRelativeError = new Option<double?>("--max-relative-error")
        {
            Description = $"With --metric relative-error: the most mean relative L2 error of any output, as a fraction (default {DefaultMaxRelativeError}).",
        };
        DefaultAccuracyLossPp = defaultAccuracyLossPp;
    }

    public const double DefaultMinAgreement = 0.99, DefaultMaxRelativeError = 0.05;

    public double DefaultAccuracyLossPp { get; }

    public Option<string?> Metric { get; }

    public Option<double?> MaxAccuracyLoss { get; }

    public Option<double?> MinAgreement { get; }

    public Option<double?> MaxRelativeError { get; }

    public IEnumerable<Option> All => [Metric, MaxAccuracyLoss, MinAgreement, MaxRelativeError];

    /// <summary>The metric asked for (or the data's default) and its constraint as a budget in the metric's percentage points.</summary>
    public (FidelityMetric Metric, double BudgetPp) Resolve(ParseResult result, bool labelled)
    {
        FidelityMetric metric;
        if (result.GetValue(Metric) is { } name)
        {
            metric = FidelityMetric.All.FirstOrDefault(m => m.Name == name)
                ?? throw new QuiltNetException("--metric", $"'{name}' is not one of {string.Join(", ", FidelityMetric.All.Select(m => m.Name))}");
        }
        else
        {
            metric = result.GetValue(MinAgreement) is not null ? FidelityMetric.Agreement
                : result.GetValue(MaxRelativeError) is not null ? FidelityMetric.RelativeError
                : FidelityMetric.Default(labelled);
        }
        if (metric.NeedsLabels && !labelled)
            throw new QuiltNetException("--metric", "accuracy needs labelled data, and this data has no labels: use --metric agreement or relative-error");
        var (flag, value, fallback) = metric == FidelityMetric.Accuracy ? (MaxAccuracyLoss, result.GetValue(MaxAccuracyLoss), DefaultAccuracyLossPp)
            : metric == FidelityMetric.Agreement ? (MinAgreement, result.GetValue(MinAgreement), DefaultMinAgreement)
            : (MaxRelativeError, result.GetValue(MaxRelativeError), DefaultMaxRelativeError);
        foreach (var other in new[] { MaxAccuracyLoss, MinAgreement, MaxRelativeError }.Where(o => o != flag && result.GetValue(o) is not null))
            throw new QuiltNetException(other.Name, $"is a constraint of another metric than {metric.Name}; give {flag.Name}");
        try
        {
            return (metric, metric.BudgetPp(value ?? fallback));
        }
        catch (ArgumentException e)
        {
            throw new QuiltNetException(flag.Name, e.Message);
        }
    }
}
