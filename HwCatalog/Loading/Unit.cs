namespace QuiltNet.HwCatalog.Loading;

/// <param name="Factor">Size of the unit in its dimension's base unit (MAC/s, B/s, B, s, pJ/MAC, pJ/B, W, B/element, 1).</param>
/// <param name="Symbol">How the unit is written, e.g. GB/s.</param>
/// <param name="Dimension">What it measures.</param>
internal sealed record Unit(string Symbol, Dimension Dimension, double Factor);
