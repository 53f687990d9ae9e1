using System.Globalization;
using System.Text;

namespace QuiltNet.Testing.Fuzz;

/// <summary>Writes .npy files (version 1, C order) with any header text, so a header can be made wrong on purpose.</summary>
public static class Npy
{
    public static string Header(string descr, IEnumerable<long> shape)
    {
        var dims = shape.Select(d => d.ToString(CultureInfo.InvariantCulture)).ToList();
        string tuple = dims.Count == 1 ? $"({dims[0]},)" : $"({string.Join(", ", dims)})";
        return $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {tuple}, }}";
    }

    public static byte[] Bytes(string header, ReadOnlySpan<byte> data)
    {
        // Padded with spaces to a multiple of 64 bytes, ending in a newline, as NumPy writes it.
        int length = header.Length + 1;
        int padded = (10 + length + 63) / 64 * 64 - 10;
        string text = header.PadRight(padded - 1) + "\n";
        var bytes = new byte[10 + text.Length + data.Length];
        bytes[0] = 0x93;
        Encoding.ASCII.GetBytes("NUMPY").CopyTo(bytes, 1);
        bytes[6] = 1;
        BitConverter.TryWriteBytes(bytes.AsSpan(8), (ushort)text.Length);
        Encoding.Latin1.GetBytes(text).CopyTo(bytes, 10);
        data.CopyTo(bytes.AsSpan(10 + text.Length));
        return bytes;
    }
}
