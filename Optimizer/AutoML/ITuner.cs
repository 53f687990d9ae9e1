namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// Chooses the next configuration to try and learns from each result (ML.NET AutoML's shape). A tuner must be
/// deterministic given its seed, the trial id it is asked for and the results it has been told, in order: that is what
/// lets an experiment resume by replaying its journal through <see cref="Update"/> and carry on exactly as before.
/// </summary>
public interface ITuner
{
    Parameters Propose(TrialSettings settings);

    void Update(TrialResult result);
}
