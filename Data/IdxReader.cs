using System.Buffers.Binary;
using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format, plain or gzip): two zero bytes, a type code, the
/// number of dimensions, big-endian 32-bit sizes, then the values big-endian.
/// </summary>
internal static class IdxReader
{
    public static NdArray Read(string path)
    {
        byte[] bytes = DataFileReader.ReadAll(path);
        if (bytes.Length < 4 || bytes[0] != 0 || bytes[1] != 0)
            throw new QuiltNetException(path, "not an IDX file (bad magic number)");
        byte code = bytes[2];
        int rank = bytes[3];
        int width = code switch { 0x08 or 0x09 => 1, 0x0B => 2, 0x0C or 0x0D => 4, 0x0E => 8, _ => 0 };
        if (width == 0)
            throw new QuiltNetException(path, $"IDX type code 0x{code:X2} is not one of 08, 09, 0B, 0C, 0D, 0E");
        int header = 4 + 4 * rank;
        if (bytes.Length < header)
            throw new QuiltNetException(path, "IDX header is truncated");
        var shape = new long[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            shape[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            count *= shape[i];
        }
        if (bytes.Length - header < count * width)
            throw new QuiltNetException(path, $"IDX data is truncated: shape {string.Join('x', shape)} needs {count * width} bytes, file has {bytes.Length - header}");
        var values = new float[count];
        var data = bytes.AsSpan(header);
        for (long i = 0; i < count; i++)
        {
            var at = data.Slice((int)(i * width));
            values[i] = code switch
            {
                0x08 => at[0],
                0x09 => (sbyte)at[0],
                0x0B => BinaryPrimitives.ReadInt16BigEndian(at),
                0x0C => BinaryPrimitives.ReadInt32BigEndian(at),
                0x0D => BinaryPrimitives.ReadSingleBigEndian(at),
                _ => (float)BinaryPrimitives.ReadDoubleBigEndian(at),
            };
        }
        return new NdArray(shape, values, IsBytes: code == 0x08);
    }
}
