namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// Tries a known good configuration first, then hands over to another tuner: a search that starts from the settings a
/// single solve would use can only improve on them, however few trials it is given (ML.NET AutoML's cost-frugal tuner
/// likewise starts from its defaults). Deterministic, so a resumed search replays it the same way.
/// </summary>
internal sealed class StartingPointTuner(ITuner inner, Parameters start) : ITuner
{
    public Parameters Propose(TrialSettings settings) => settings.TrialId == 0 ? start : inner.Propose(settings);

    public void Update(TrialResult result) => inner.Update(result);
}
