namespace QuiltNet.Optimizer.Costs;

/// <summary>What one cut (or the host transfer in or out) costs on the route between two chips.</summary>
/// <param name="From">The sending chip's id, or "host".</param>
/// <param name="To">The receiving chip's id, or "host".</param>
/// <param name="Links">The links of the route, in order.</param>
/// <param name="Hops">How many links the route crosses.</param>
/// <param name="Bytes">Bytes sent per inference.</param>
/// <param name="CompressionFactor">How many times fewer bytes than uncompressed.</param>
/// <param name="TimeSeconds">How long the route is held per inference: bytes / bandwidth + per-message overhead on its
/// slowest hop. This is what bounds the pipeline's period.</param>
/// <param name="EnergyJoules">Dynamic energy per inference (bits × energy per bit over the hops).</param>
/// <param name="LatencySeconds">Time in flight over the hops, which end-to-end latency adds and the period does not.</param>
public sealed record LinkCost(
    string From,
    string To,
    string Links,
    int Hops,
    double Bytes,
    double CompressionFactor,
    double TimeSeconds,
    double EnergyJoules,
    double LatencySeconds = 0);
