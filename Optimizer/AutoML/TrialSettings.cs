namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// What identifies one trial. The experiment numbers trials 0, 1, 2, … and hands a tuner the settings before the
/// parameters are chosen (they are <see cref="AutoML.Parameters.Empty"/> then), the runner after.
/// </summary>
public sealed record TrialSettings(int TrialId)
{
    /// <summary>The parameters the tuner proposed for this trial.</summary>
    public Parameters Parameters { get; init; } = Parameters.Empty;
}
