namespace QuiltNet.HwCatalog.Loading;

/// <param name="Factor">Size of the unit in its dimension's base unit (MAC/s, B/s, B, s, pJ/MAC, pJ/B, W, B/element, 1).</param>
internal sealed record Unit(string Symbol, Dimension Dimension, double Factor);
