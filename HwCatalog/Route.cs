namespace QuiltNet.HwCatalog;

/// <summary>The fewest-hop path between two chips of a system.</summary>
public sealed class Route
{
    internal Route(int from, int to, IReadOnlyList<Hop> path)
    {
        From = from;
        To = to;
        Path = path;
    }

    public int From { get; }

    public int To { get; }

    /// <summary>The hops in order of travel; empty when a chip sends to itself.</summary>
    public IReadOnlyList<Hop> Path { get; }

    public int Hops => Path.Count;

    /// <summary>The slowest hop's bandwidth; infinite for an empty route, which moves nothing over a link.</summary>
    public double BottleneckBandwidthBytesPerSecond =>
        Path.Count == 0 ? double.PositiveInfinity : Path.Min(hop => hop.Link.BandwidthBytesPerSecond.Value);

    public double LatencySeconds => Path.Sum(hop => hop.Link.LatencySecondsPerHop.Value);

    public double EnergyPicojoulesPerBit => Path.Sum(hop => hop.Link.EnergyPicojoulesPerBit.Value);
}
