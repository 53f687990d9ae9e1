namespace QuiltNet.Optimizer.AutoML;

/// <summary>Uniform random search: each trial's configuration is drawn from its own seeded stream; results teach it nothing.</summary>
internal sealed class RandomTuner(SearchSpace space, int seed) : ITuner
{
    public Parameters Propose(TrialSettings settings) => space.Sample(TrialRandom.For(seed, settings.TrialId));

    public void Update(TrialResult result)
    {
    }
}
