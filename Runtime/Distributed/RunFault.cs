namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// What the coordinator saw end a run, where (a stage and its worker's address) and how near the cause:
/// a lower <see cref="Rank"/> is reported over a higher one when several directions fail at once.
/// </summary>
internal sealed class RunFault(string where, string problem, int rank, Exception? inner = null) : Exception($"{where}: {problem}", inner)
{
    /// <summary>A worker failed, refused, or reports a peer of its own lost.</summary>
    public const int Cause = 0;

    /// <summary>No result within the timeout.</summary>
    public const int Stall = 1;

    /// <summary>The coordinator's own connection to a worker broke.</summary>
    public const int PeerLost = 2;

    /// <summary>A stream broke because something before it failed.</summary>
    public const int Consequence = 3;

    public string Where { get; } = where;

    public string Problem { get; } = problem;

    public int Rank { get; } = rank;
}
