namespace QuiltNet.Estimators.Autoencoders;

/// <summary>A compression sweep: the uncompressed model's accuracy on the evaluation data, one row per option, and what fitting warned about.</summary>
public sealed record CompressionSweepResult(double OriginalAccuracy, IReadOnlyList<CompressionRow> Rows, IReadOnlyList<string> Warnings);
