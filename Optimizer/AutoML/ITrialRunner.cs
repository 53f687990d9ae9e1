namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// Runs one trial with the parameters in <c>settings</c> and scores it. Throwing marks the trial failed (and the search
/// goes on), except an <see cref="OperationCanceledException"/> after <c>cancellationToken</c> fired: that abandons the
/// trial, which is neither recorded nor told to the tuner, so a resumed search runs it again.
/// </summary>
public interface ITrialRunner
{
    /// <summary>Runs one trial with the parameters in <paramref name="settings"/>.</summary>
    /// <param name="settings">The trial's id and parameters.</param>
    /// <param name="cancellationToken">Stops the trial; the runner throws <see cref="OperationCanceledException"/> when it fires.</param>
    /// <returns>The trial's loss and metrics; a non-finite loss marks it failed.</returns>
    Task<TrialResult> RunAsync(TrialSettings settings, CancellationToken cancellationToken);
}
