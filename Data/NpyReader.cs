using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>
/// Reads NumPy <c>.npy</c> files (format versions 1–3, C order) of bool, integer or floating elements.
/// </summary>
internal static partial class NpyReader
{
    public static NdArray Read(string path)
    {
        byte[] bytes = DataFileReader.ReadAll(path);
        if (bytes.Length < 10 || bytes[0] != 0x93 || Encoding.ASCII.GetString(bytes, 1, 5) != "NUMPY")
            throw new QuiltNetException(path, "not a .npy file (bad magic string)");
        int major = bytes[6];
        int headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8)) : (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8));
        int start = major == 1 ? 10 : 12;
        if (bytes.Length < start + headerLength)
            throw new QuiltNetException(path, ".npy header is truncated");
        string header = Encoding.Latin1.GetString(bytes, start, headerLength);

        var descr = Descr().Match(header);
        if (!descr.Success)
            throw new QuiltNetException(path, ".npy header has no 'descr'");
        if (FortranOrder().IsMatch(header))
            throw new QuiltNetException(path, "Fortran-ordered .npy arrays are not supported; save with C order");
        var shapeMatch = Shape().Match(header);
        if (!shapeMatch.Success)
            throw new QuiltNetException(path, ".npy header has no 'shape'");
        long[] shape = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(long.Parse).ToArray();
        long count = shape.Aggregate(1L, (p, d) => p * d);

        string type = descr.Groups[1].Value;
        bool big = type[0] == '>';
        string code = type[1..];
        int width = code switch { "b1" or "u1" or "i1" => 1, "i2" or "u2" or "f2" => 2, "i4" or "u4" or "f4" => 4, "i8" or "u8" or "f8" => 8, _ => 0 };
        if (width == 0)
            throw new QuiltNetException(path, $".npy element type '{type}' is not supported (bool, integers, float16/32/64 are)");
        int dataStart = start + headerLength;
        if (bytes.Length - dataStart < count * width)
            throw new QuiltNetException(path, $".npy data is truncated: shape {string.Join('x', shape)} needs {count * width} bytes");
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            var at = bytes.AsSpan(dataStart + (int)(i * width), width);
            if (big != !BitConverter.IsLittleEndian && width > 1)
            {
                var swapped = at.ToArray();
                Array.Reverse(swapped);
                at = swapped;
            }
            values[i] = code switch
            {
                "b1" or "u1" => at[0],
                "i1" => (sbyte)at[0],
                "i2" => BitConverter.ToInt16(at),
                "u2" => BitConverter.ToUInt16(at),
                "f2" => (float)BitConverter.ToHalf(at),
                "i4" => BitConverter.ToInt32(at),
                "u4" => BitConverter.ToUInt32(at),
                "f4" => BitConverter.ToSingle(at),
                "i8" => BitConverter.ToInt64(at),
                "u8" => BitConverter.ToUInt64(at),
                _ => (float)BitConverter.ToDouble(at),
            };
        }
        return new NdArray(shape, values, IsBytes: code == "u1");
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([<>|=][a-z]\d+)'")]
    private static partial Regex Descr();

    [GeneratedRegex(@"'fortran_order'\s*:\s*True")]
    private static partial Regex FortranOrder();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex Shape();
}
