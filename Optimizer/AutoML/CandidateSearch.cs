namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// Looks for the configuration with the highest expected improvement under a surrogate: greedy one-mutation local
/// searches from the best configurations so far (they find the promising basin's edge) plus uniformly random ones
/// (they find other basins). Every configuration scored on the way is a candidate.
/// </summary>
/// <param name="incumbent">The best loss so far, on the scale the surrogate learned.</param>
/// <param name="space">The parameters being tuned.</param>
/// <param name="surrogate">The forest that predicts a configuration's loss and its spread.</param>
/// <param name="random">The source of random configurations and tie-breaks.</param>
internal sealed class CandidateSearch(SearchSpace space, ForestSurrogate surrogate, double incumbent, Random random)
{
    // Per numeric parameter, a neighbourhood holds this many draws from Normal(current, NeighbourSpread) in the unit cube.
    private const int NumericNeighbours = 4;
    private const double NeighbourSpread = 0.2;
    // Bounds a climb on a surface that keeps improving by tiny steps.
    private const int MaxClimbSteps = 20;

    private readonly List<(double Score, Parameters Parameters)> scored = [];

    /// <summary>The best-scoring candidate not in <paramref name="tried"/>, or null when every candidate was tried.</summary>
    public Parameters? BestUntried(IEnumerable<Parameters> parents, int randomCandidates, IReadOnlySet<Parameters> tried)
    {
        foreach (var parent in parents) Climb(parent);
        for (int i = 0; i < randomCandidates; i++) Score(space.Sample(random));
        // OrderBy is stable: ties go to the first candidate scored, which keeps proposals deterministic.
        return scored.OrderByDescending(c => c.Score).Select(c => c.Parameters).FirstOrDefault(p => !tried.Contains(p));
    }

    private void Climb(Parameters start)
    {
        var current = start;
        double currentScore = Score(start);
        for (int step = 0; step < MaxClimbSteps; step++)
        {
            var neighbours = Neighbours(current).Select(n => (Score: Score(n), Parameters: n)).ToList();
            if (neighbours.Count == 0) return;
            var (bestScore, best) = neighbours.MaxBy(c => c.Score);
            if (bestScore <= currentScore) return;
            (current, currentScore) = (best, bestScore);
        }
    }

    /// <summary>Configurations that differ from <paramref name="centre"/> in one parameter.</summary>
    private IEnumerable<Parameters> Neighbours(Parameters centre)
    {
        foreach (var parameter in space)
        {
            var value = centre[parameter.Name];
            var values = parameter is Choice choice
                ? choice.Options
                : Enumerable.Range(0, NumericNeighbours).Select(_ => parameter.FromUnit(NearbyUnit(parameter.ToUnit(value))));
            foreach (var other in values.Distinct().Where(v => v != value))
                yield return new Parameters(centre.Select(e => e.Key == parameter.Name ? new(e.Key, other) : e));
        }
    }

    // A normal draw around the centre, drawn again until it lands in [0, 1] (it soon does: the spread is a fifth of the range).
    private double NearbyUnit(double centre)
    {
        while (true)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            double unit = centre + NeighbourSpread * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            if (unit is >= 0 and <= 1) return unit;
        }
    }

    private double Score(Parameters candidate)
    {
        var (mean, sd) = surrogate.Predict(space.ToUnitCube(candidate));
        double score = ExpectedImprovement.Of(incumbent, mean, sd);
        scored.Add((score, candidate));
        return score;
    }
}
