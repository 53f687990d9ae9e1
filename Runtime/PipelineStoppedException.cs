using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>
/// A pipelined run that ended early: a stage failed (<see cref="QuiltNetException.Input"/> names it), a
/// channel between two threads closed before all batches crossed it, or the caller cancelled (then the
/// message says where each stage was). One line, like every input error.
/// </summary>
public sealed class PipelineStoppedException : QuiltNetException
{
    private PipelineStoppedException(string where, string problem, bool cancelled, Exception inner)
        : base(where, problem, inner)
    {
        Cancelled = cancelled;
    }

    /// <summary>True when the caller cancelled the run; false when something in it failed.</summary>
    public bool Cancelled { get; }

    /// <param name="where">The stage or link that failed.</param>
    /// <param name="batch">The batch the stage was working on; negative when it was between batches.</param>
    /// <param name="error">What it failed with.</param>
    internal static PipelineStoppedException Failed(string where, int batch, Exception error) => new(where,
        error is System.Threading.Channels.ChannelClosedException ? error.Message
        : batch >= 0 ? $"failed on batch {batch}: {OneLine(error.Message)}"
        : $"failed: {OneLine(error.Message)}", cancelled: false, error);

    /// <summary>A run that ended because its data could not be read: the data's own error, naming the file at fault.</summary>
    internal static PipelineStoppedException DataFailed(QuiltNetException error) => new(error.Input, error.Problem, cancelled: false, error);

    /// <summary>A run across workers that ended early: <paramref name="where"/> names the stage and its worker's address.</summary>
    internal static PipelineStoppedException WorkerFailed(string where, string problem, int completed, int total, Exception error) =>
        new(where, $"{OneLine(problem)}; {completed} of {total} inputs completed", cancelled: false, error);

    internal static PipelineStoppedException Cancellation(string progress, OperationCanceledException cause) => new("run", $"cancelled: {progress}", cancelled: true, cause);

    /// <summary>ONNX Runtime spreads one error over several lines; an error here is one.</summary>
    private static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
