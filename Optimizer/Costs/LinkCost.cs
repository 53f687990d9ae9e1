namespace QuiltNet.Optimizer.Costs;

/// <summary>What one cut (or the host transfer in or out) costs on the route between two chips.</summary>
public sealed record LinkCost(
    string From,
    string To,
    string Links,
    int Hops,
    double Bytes,
    double CompressionFactor,
    double TimeSeconds,
    double EnergyJoules);
