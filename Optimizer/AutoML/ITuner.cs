namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// Chooses the next configuration to try and learns from each result (ML.NET AutoML's shape). A tuner must be
/// deterministic given its seed, the trial id it is asked for and the results it has been told, in order: that is what
/// lets an experiment resume by replaying its journal through <see cref="Update"/> and carry on exactly as before.
/// </summary>
public interface ITuner
{
    /// <summary>The parameters to try in the trial <paramref name="settings"/> describes.</summary>
    Parameters Propose(TrialSettings settings);

    /// <summary>Learns from a finished trial (completed or failed).</summary>
    void Update(TrialResult result);
}
