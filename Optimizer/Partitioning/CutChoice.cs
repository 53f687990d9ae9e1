using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>How a used cut is sent: <see cref="Option"/> from the menu, or uncompressed when it is null.</summary>
internal sealed record CutChoice(CompressionOption? Option)
{
    public static CutChoice Uncompressed { get; } = new((CompressionOption?)null);

    public CutCompression Compression => Option?.Cost ?? CutCompression.None;

    public long Drop => Scaling.Drop(Option?.AccuracyDropPp ?? 0);
}
