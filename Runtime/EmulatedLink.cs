using System.Diagnostics;

namespace QuiltNet.Runtime;

/// <summary>
/// One emulated link as a server in virtual time: a transfer starts once the link is free and the sender has sent,
/// holds the link for <see cref="LinkEmulation.HoldSeconds"/> and is delivered <see cref="LinkEmulation.LatencySeconds"/>
/// after that, so messages in flight overlap as on a wire. Each deadline follows from the previous one, not from
/// when a thread happened to wake, so coarse timers delay single deliveries but never slow the link's rate. Used by
/// the sending stage's thread only.
/// </summary>
internal sealed class EmulatedLink(LinkEmulation emulation)
{
    private long _freeAt;

    public double BusySeconds { get; private set; }

    /// <returns>The <see cref="Stopwatch"/> timestamp at which the receiver may take the transfer.</returns>
    public long Schedule(long sentAt, long bytes)
    {
        double hold = emulation.HoldSeconds(bytes);
        BusySeconds += hold;
        _freeAt = Math.Max(_freeAt, sentAt) + (long)(hold * Stopwatch.Frequency);
        return _freeAt + (long)(emulation.LatencySeconds * Stopwatch.Frequency);
    }
}
