namespace QuiltNet.Runtime;

/// <summary>
/// The link to emulate between consecutive stages, a stream as the cost model charges a cut: each transfer holds
/// it for bytes / bandwidth, and arrives its latency later, while the next one is already on the wire. Bytes are
/// what the stage actually sends (a quantised code at its bits). A null bandwidth is unlimited: only the latency
/// is emulated.
/// </summary>
public sealed record LinkEmulation(double? BandwidthBytesPerSecond, double LatencySeconds)
{
    /// <summary>From the command line's units; a bandwidth left out is unlimited.</summary>
    public static LinkEmulation FromGigabits(double? gigabitsPerSecond, double latencyMicroseconds)
    {
        if (gigabitsPerSecond is { } rate && !(rate > 0 && double.IsFinite(rate)))
            throw new ArgumentOutOfRangeException(nameof(gigabitsPerSecond), $"must be a positive number of Gb/s, got {rate}");
        if (!(latencyMicroseconds >= 0 && double.IsFinite(latencyMicroseconds)))
            throw new ArgumentOutOfRangeException(nameof(latencyMicroseconds), $"must be zero or more microseconds, got {latencyMicroseconds}");
        return new(gigabitsPerSecond * 1e9 / 8, latencyMicroseconds * 1e-6);
    }

    /// <summary>How long <paramref name="bytes"/> hold the link: the bytes at its bandwidth (the latency is in flight, not held).</summary>
    public double HoldSeconds(long bytes) => BandwidthBytesPerSecond is { } bandwidth ? bytes / bandwidth : 0;
}
