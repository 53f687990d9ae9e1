using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace QuiltNet.Data;

/// <summary>Some rows of another column, in a given order (a seeded split of one source, or its first samples).</summary>
internal sealed class RowsColumn(SampleColumn inner, int[] rows) : SampleColumn(inner.Name, inner.SampleShape)
{
    public override void Read(int index, Span<float> destination) => inner.Read(rows[index], destination);

    public override void AppendFingerprint(IncrementalHash hash)
    {
        inner.AppendFingerprint(hash);
        hash.AppendData(MemoryMarshal.AsBytes(rows.AsSpan()));
    }
}
