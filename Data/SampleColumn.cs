using System.Security.Cryptography;

namespace QuiltNet.Data;

/// <summary>
/// One tensor per sample, all of one shape, read sample by sample so a source on disk need not be held in memory.
/// </summary>
internal abstract class SampleColumn(string? name, long[] sampleShape)
{
    /// <summary>The model input this column feeds; null where the data has one column for the model's only input.</summary>
    public string? Name { get; } = name;

    public long[] SampleShape { get; } = sampleShape;

    public long SampleSize { get; } = sampleShape.Aggregate(1L, (p, d) => checked(p * d));

    /// <summary>Writes sample <paramref name="index"/>'s <see cref="SampleSize"/> values to <paramref name="destination"/>.</summary>
    public abstract void Read(int index, Span<float> destination);

    /// <summary>Adds what identifies this column's content to a data fingerprint.</summary>
    public abstract void AppendFingerprint(IncrementalHash hash);
}
