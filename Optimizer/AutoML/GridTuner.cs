namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// Every combination of each parameter's grid values (<see cref="SearchParameter.GridValues"/>), the last parameter
/// varying fastest. Trial i gets combination i, so the grid is a pure function of the trial id; past the last
/// combination it starts over, as ML.NET's grid search does.
/// </summary>
internal sealed class GridTuner : ITuner
{
    private readonly SearchSpace space;
    private readonly IReadOnlyList<ParameterValue>[] values;
    private readonly long size;

    public GridTuner(SearchSpace space, int steps)
    {
        this.space = space;
        values = space.Select(p => p.GridValues(steps)).ToArray();
        // Saturates: a grid larger than any trial id never wraps.
        size = values.Aggregate(1L, (product, v) => product > long.MaxValue / v.Count ? long.MaxValue : product * v.Count);
    }

    public Parameters Propose(TrialSettings settings)
    {
        long index = settings.TrialId % size;
        var chosen = new KeyValuePair<string, ParameterValue>[values.Length];
        for (int i = values.Length - 1; i >= 0; i--)
        {
            chosen[i] = new(space[i].Name, values[i][(int)(index % values[i].Count)]);
            index /= values[i].Count;
        }
        return new Parameters(chosen);
    }

    public void Update(TrialResult result)
    {
    }
}
