using QuiltNet.HwCatalog;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// The ordered chip pairs whose routes cost the same: the cost model prices a transfer by the route's
/// summed latency, slowest bandwidth and summed energy per bit, so pairs that agree on those three are
/// interchangeable for every cut. A 16-chip chain has 240 pairs but 15 kinds (one per hop count).
/// </summary>
/// <param name="Path">One such pair's route, the links a transfer crosses.</param>
/// <param name="Index">The kind's index among the system's route kinds.</param>
/// <param name="Pairs">The ordered chip pairs whose routes are of this kind.</param>
internal sealed record RouteKind(int Index, IReadOnlyList<Link> Path, IReadOnlyList<(int From, int To)> Pairs)
{
    public static IReadOnlyList<RouteKind> Of(HwSystem system)
    {
        var pairs = from a in Enumerable.Range(0, system.Chips.Count)
                    from b in Enumerable.Range(0, system.Chips.Count)
                    where a != b
                    select (From: a, To: b, Path: system.Route(a, b).Path.Select(h => h.Link).ToList());
        return pairs
            .GroupBy(p => (Hops: string.Join(';', p.Path.Select(l => (l.BandwidthBytesPerSecond.Value, l.MessageOverheadSeconds.Value)).Order()),
                Latency: p.Path.Sum(l => l.LatencySecondsPerHop.Value), Energy: p.Path.Sum(l => l.EnergyPicojoulesPerBit.Value), Static: p.Path.Sum(l => l.StaticPowerWatts.Value)))
            .Select((group, index) => new RouteKind(index, group.First().Path, group.Select(p => (p.From, p.To)).ToList()))
            .ToList();
    }
}
