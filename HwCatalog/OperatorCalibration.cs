namespace QuiltNet.HwCatalog;

/// <summary>
/// A chip's time per operator measured by its own micro-benchmarks (never by the model being planned):
/// MAC rates by operator class and shape, a vector rate for the FLOPs outside matrix operators, a copy rate
/// for data movement, the fixed cost of dispatching one operator and of one run of a stage.
/// Where a chip has one, the cost model uses it instead of its peak MAC rate.
/// </summary>
/// <param name="Source">How and when it was measured.</param>
/// <param name="DispatchSeconds">Fixed time per operator.</param>
/// <param name="RunOverheadSeconds">Fixed time per run of a stage, beside its operators'.</param>
/// <param name="VectorFlopsPerSecond">Rate of element-wise, normalisation, softmax, pooling and reduction FLOPs.</param>
/// <param name="CopyBytesPerSecond">Rate at which data-movement operators (Transpose, Concat, ...) read and write bytes.</param>
/// <param name="MacRates">The measured shapes of each matrix operator class.</param>
public sealed record OperatorCalibration(
    string Source,
    Figure DispatchSeconds,
    Figure RunOverheadSeconds,
    Figure VectorFlopsPerSecond,
    Figure CopyBytesPerSecond,
    IReadOnlyList<MacRatePoint> MacRates);
