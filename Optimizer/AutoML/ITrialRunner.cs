namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// Runs one trial with the parameters in <c>settings</c> and scores it. Throwing marks the trial failed (and the search
/// goes on), except an <see cref="OperationCanceledException"/> after <c>cancellationToken</c> fired: that abandons the
/// trial, which is neither recorded nor told to the tuner, so a resumed search runs it again.
/// </summary>
public interface ITrialRunner
{
    Task<TrialResult> RunAsync(TrialSettings settings, CancellationToken cancellationToken);
}
