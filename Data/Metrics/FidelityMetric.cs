namespace QuiltNet.Data.Metrics;

/// <summary>
/// What a compressed model is judged by against the uncompressed one, and how its constraint reads. Every metric has a
/// score (a fraction, higher is better) so that a loss is one thing everywhere: 100 × (the reference's score − the
/// score), in percentage points — top-1 accuracy lost, top-1 agreement short of 100 %, or relative L2 error (as a
/// percentage). The partitioner's budget and every drop it adds up are in these points.
/// </summary>
public sealed class FidelityMetric
{
    /// <summary>Top-1 accuracy against the labels (a classifier with labelled data); constraint: the most percentage points it may lose.</summary>
    public static readonly FidelityMetric Accuracy = new("accuracy", needsLabels: true);

    /// <summary>Top-1 agreement with the uncompressed model's output (any classifier, no labels); constraint: the least fraction of agreeing top-1 classes.</summary>
    public static readonly FidelityMetric Agreement = new("agreement", needsLabels: false);

    /// <summary>Relative L2 error of each output against the uncompressed model's, the worst output's mean over samples (any model); constraint: the most it may be.</summary>
    public static readonly FidelityMetric RelativeError = new("relative-error", needsLabels: false);

    private FidelityMetric(string name, bool needsLabels)
    {
        Name = name;
        NeedsLabels = needsLabels;
    }

    /// <summary>Every metric, by name.</summary>
    public static IReadOnlyList<FidelityMetric> All { get; } = [Accuracy, Agreement, RelativeError];

    /// <summary>The metric's name: accuracy, agreement or relative-error.</summary>
    public string Name { get; }

    /// <summary>Whether the metric needs labelled data.</summary>
    public bool NeedsLabels { get; }

    /// <summary>The metric called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No metric has that name.</exception>
    public static FidelityMetric Parse(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new ArgumentException($"'{name}' is not a metric; use one of {string.Join(", ", All.Select(m => m.Name))}", "metric");

    /// <summary>The metric's value in <paramref name="scores"/>: accuracy or agreement as a fraction, relative error as a fraction.</summary>
    /// <exception cref="ArgumentException">The scores lack the metric (accuracy without labels).</exception>
    public double Value(FidelityScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return this == Accuracy ? scores.Accuracy ?? throw new ArgumentException("accuracy needs labelled data; these samples have no labels", nameof(scores))
            : this == Agreement ? scores.Agreement
            : scores.RelativeError;
    }

    /// <summary>The score of <paramref name="scores"/>: higher is better; 1 − the relative error for <see cref="RelativeError"/>.</summary>
    public double Score(FidelityScores scores) => this == RelativeError ? 1 - Value(scores) : Value(scores);

    /// <summary>Percentage points <paramref name="scores"/> lose against <paramref name="reference"/> (negative: better than it).</summary>
    public double LossPp(FidelityScores reference, FidelityScores scores) => 100 * (Score(reference) - Score(scores));

    /// <summary>
    /// The constraint as a budget of loss in percentage points: for accuracy the points themselves, for agreement
    /// 100 × (1 − the least agreement), for relative error 100 × the most error.
    /// </summary>
    /// <param name="constraint">Accuracy: percentage points; agreement and relative error: a fraction from 0 to 1.</param>
    /// <exception cref="ArgumentException">The constraint is out of range.</exception>
    public double BudgetPp(double constraint)
    {
        if (this == Accuracy)
            return constraint >= 0 ? constraint : throw new ArgumentException($"the accuracy loss must be zero or more percentage points, got {constraint}", "maxAccuracyLossPp");
        if (this == Agreement)
            return constraint is >= 0 and <= 1 ? 100 * (1 - constraint) : throw new ArgumentException($"the agreement must be a fraction from 0 to 1, got {constraint}", "minAgreement");
        return constraint >= 0 ? 100 * constraint : throw new ArgumentException($"the relative error must be zero or more, got {constraint}", "maxRelativeError");
    }

    /// <summary>The constraint a budget of <paramref name="budgetPp"/> percentage points stands for: the inverse of <see cref="BudgetPp"/>.</summary>
    public double Constraint(double budgetPp) => this == Accuracy ? budgetPp : this == Agreement ? 1 - budgetPp / 100 : budgetPp / 100;

    /// <summary>The metric a data set gets when none is asked for: accuracy where it has labels, else agreement.</summary>
    /// <param name="labelled">Whether the evaluation data has labels.</param>
    public static FidelityMetric Default(bool labelled) => labelled ? Accuracy : Agreement;

    /// <summary>The metric's name.</summary>
    public override string ToString() => Name;
}
