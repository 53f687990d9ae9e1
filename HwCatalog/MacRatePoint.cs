namespace QuiltNet.HwCatalog;

/// <summary>One measured shape of an operator class and the MAC rate it ran at.</summary>
/// <param name="Class">The operator's class.</param>
/// <param name="ReductionDepth">MACs per output element (input channels per group × kernel area, or the inner dimension).</param>
/// <param name="OutputElements">Elements the operator writes.</param>
/// <param name="MacsPerSecond">The rate measured, MAC/s.</param>
public sealed record MacRatePoint(OperatorClass Class, long ReductionDepth, long OutputElements, double MacsPerSecond);
