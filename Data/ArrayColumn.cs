using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace QuiltNet.Data;

/// <summary>A column held in memory: sample i is values [i·size, (i+1)·size).</summary>
internal sealed class ArrayColumn(string? name, long[] sampleShape, float[] values) : SampleColumn(name, sampleShape)
{
    public int Count => (int)(values.LongLength / SampleSize);

    public override void Read(int index, Span<float> destination) =>
        values.AsSpan(checked((int)(index * SampleSize)), (int)SampleSize).CopyTo(destination);

    public override void AppendFingerprint(IncrementalHash hash)
    {
        hash.AppendData(MemoryMarshal.AsBytes(SampleShape.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(values.AsSpan()));
    }
}
