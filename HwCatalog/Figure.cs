namespace QuiltNet.HwCatalog;

/// <summary>
/// One hardware figure in the canonical unit that the property holding it names
/// (e.g. <c>Link.BandwidthBytesPerSecond</c> is in B/s), with its provenance.
/// </summary>
public readonly record struct Figure(double Value, FigureQuality Quality, string? Note);
