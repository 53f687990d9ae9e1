using System.Diagnostics;

namespace QuiltNet.Runtime;

/// <summary>
/// One emulated link as a server in virtual time: a transfer starts once the link is free and the sender
/// has sent, and is delivered <see cref="LinkEmulation.TransferSeconds"/> later. Each deadline follows from
/// the previous one, not from when a thread happened to wake, so coarse timers delay single deliveries
/// but never slow the link's rate. Used by the sending stage's thread only.
/// </summary>
internal sealed class EmulatedLink(LinkEmulation emulation)
{
    private long _freeAt;

    public double BusySeconds { get; private set; }

    /// <returns>The <see cref="Stopwatch"/> timestamp at which the receiver may take the transfer.</returns>
    public long Schedule(long sentAt, long bytes)
    {
        double seconds = emulation.TransferSeconds(bytes);
        BusySeconds += seconds;
        _freeAt = Math.Max(_freeAt, sentAt) + (long)(seconds * Stopwatch.Frequency);
        return _freeAt;
    }
}
