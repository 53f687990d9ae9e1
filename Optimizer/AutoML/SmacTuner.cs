namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// SMAC (sequential model-based algorithm configuration), after ML.NET AutoML's: random trials first, then a random
/// forest learns loss from the unit-cube coordinates of the trials so far, and the next trial is the untried configuration
/// with the highest expected improvement over the best loss, every <see cref="SmacOptions.RandomProposalEvery"/>-th
/// proposal being random instead.
/// </summary>
/// <remarks>
/// Departures from ML.NET's own version, all deliberate: the incumbent that expected improvement measures against is
/// the lowest <em>loss</em> (ML.NET takes the raw metric, wrong when higher is better); failed trials (loss +∞) never
/// reach the forest (ML.NET trains on them, and one infinity ruins every prediction); and the forest learns the losses on
/// a log scale (<see cref="LossScale"/>).
/// Everything a proposal depends on is a function of the seed, the trial id and the results so far, in order: the forest
/// used for trial t is always fitted on the same prefix of results, the one the refit schedule last reached. So replaying
/// a journal through <see cref="Update"/> leaves this tuner exactly where an uninterrupted run would be.
/// </remarks>
internal sealed class SmacTuner(SearchSpace space, int seed, SmacOptions options) : ITuner
{
    private readonly List<TrialResult> history = [];
    private readonly HashSet<Parameters> tried = [];
    private Model? model;
    private int modelFittedOn = -1;

    public Parameters Propose(TrialSettings settings)
    {
        var random = TrialRandom.For(seed, settings.TrialId);
        int afterInitial = history.Count - options.InitialRandomTrials;
        if (afterInitial < 0 || afterInitial % options.RandomProposalEvery == options.RandomProposalEvery - 1)
            return space.Sample(random);

        var fitted = Fitted(options.InitialRandomTrials + afterInitial / options.RefitEvery * options.RefitEvery);
        if (fitted is null) return space.Sample(random);
        var completed = history.Where(r => r.Status == TrialStatus.Completed).ToList();
        var search = new CandidateSearch(space, fitted.Surrogate, fitted.Scale.Apply(completed.Min(r => r.Loss)), random);
        var parents = completed.OrderBy(r => r.Loss).ThenBy(r => r.TrialId).Take(options.LocalSearchParents).Select(r => r.Parameters);
        return search.BestUntried(parents, options.RandomCandidates, tried) ?? space.Sample(random);
    }

    public void Update(TrialResult result)
    {
        history.Add(result);
        tried.Add(result.Parameters);
    }

    /// <summary>The forest fitted on the completed trials among the first <paramref name="prefix"/> results; null with fewer than two.</summary>
    private Model? Fitted(int prefix)
    {
        if (modelFittedOn == prefix) return model;
        var completed = history.Take(prefix).Where(r => r.Status == TrialStatus.Completed).ToList();
        model = null;
        if (completed.Count >= 2)
        {
            var scale = LossScale.Fit(completed.Select(r => r.Loss).ToList());
            var points = completed.Select(r => space.ToUnitCube(r.Parameters)).ToList();
            model = new Model(ForestSurrogate.Fit(points, completed.Select(r => scale.Apply(r.Loss)).ToList(), options, seed), scale);
        }
        modelFittedOn = prefix;
        return model;
    }

    private sealed record Model(ForestSurrogate Surrogate, LossScale Scale);
}
