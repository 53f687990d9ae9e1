namespace QuiltNet.HwCatalog;

/// <summary>A point-to-point link between two chips, or between a chip and the host. Figures are per direction.</summary>
/// <param name="Name">Unique (case-insensitive) among the catalog's links.</param>
/// <param name="Description">What the link is, in a sentence.</param>
/// <param name="Source">Citation for the link's figures.</param>
/// <param name="BandwidthBytesPerSecond">Bytes per second one way.</param>
/// <param name="LatencySecondsPerHop">Time from a message's first byte leaving to it arriving: counted in end-to-end latency,
/// not in a streaming pipeline's period (the link carries the next message while one is in flight).</param>
/// <param name="EnergyPicojoulesPerBit">Dynamic energy per bit sent.</param>
/// <param name="StaticPowerWatts">Power the link draws while powered, sent or not (PHYs, ports), over both its ends.</param>
/// <param name="MessageOverheadSeconds">Time the link is held per message on top of bytes / bandwidth (set-up, framing).</param>
public sealed record Link(
    string Name,
    string Description,
    string Source,
    Figure BandwidthBytesPerSecond,
    Figure LatencySecondsPerHop,
    Figure EnergyPicojoulesPerBit,
    Figure StaticPowerWatts,
    Figure MessageOverheadSeconds);
