namespace QuiltNet.HwCatalog;

/// <summary>A point-to-point link between two chips, or between a chip and the host. Figures are per direction.</summary>
public sealed record Link(
    string Name,
    string Description,
    string Source,
    Figure BandwidthBytesPerSecond,
    Figure LatencySecondsPerHop,
    Figure EnergyPicojoulesPerBit);
