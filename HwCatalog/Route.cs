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

    /// <summary>The chip the route starts at.</summary>
    public int From { get; }

    /// <summary>The chip the route ends at.</summary>
    public int To { get; }

    /// <summary>The hops in order of travel; empty when a chip sends to itself.</summary>
    public IReadOnlyList<Hop> Path { get; }

    /// <summary>How many links the route crosses.</summary>
    public int Hops => Path.Count;

    /// <summary>The slowest hop's bandwidth; infinite for an empty route, which moves nothing over a link.</summary>
    public double BottleneckBandwidthBytesPerSecond =>
        Path.Count == 0 ? double.PositiveInfinity : Path.Min(hop => hop.Link.BandwidthBytesPerSecond.Value);

    /// <summary>The hops' latencies added up, in seconds.</summary>
    public double LatencySeconds => Path.Sum(hop => hop.Link.LatencySecondsPerHop.Value);

    /// <summary>The hops' energies per bit added up, in picojoules.</summary>
    public double EnergyPicojoulesPerBit => Path.Sum(hop => hop.Link.EnergyPicojoulesPerBit.Value);
}
