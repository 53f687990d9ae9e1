using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace QuiltNet.Testing.Fuzz;

/// <summary>
/// Mutations of a data folder (IDX or .npy images and labels, the train and t10k splits): broken headers, wrong
/// shapes and element types, labels out of range, counts that disagree, empty and cut-off files, a gzip bomb.
/// </summary>
public static class DataMutations
{
    private static readonly string[] BadDescrs = ["<c8", "|O", "<U4", "<f16", "<i16", "zz", "<f4'", ">f8", "|b1", "<u8"];
    private static readonly long[] BadDims = [0, -1, 1_000_000_000_000, long.MaxValue, 4_294_967_295, 3];

    /// <summary>Mutates one file of <paramref name="folder"/> (a copy of a corpus data folder) and says what changed.</summary>
    public static string Mutate(string folder, Random random, byte[] donor)
    {
        var files = Directory.GetFiles(folder).OrderBy(f => f, StringComparer.Ordinal).ToArray();
        string file = files[random.Next(files.Length)];
        string name = Path.GetFileName(file);
        byte[] bytes = File.ReadAllBytes(file);
        bool npy = name.EndsWith(".npy", StringComparison.Ordinal);
        bool labels = name.Contains("labels", StringComparison.Ordinal);
        string mutation;
        switch (random.Next(7))
        {
            case 0:
                (bytes, mutation) = ByteMutations.Mutate(bytes, random, donor);
                break;
            case 1:
                bytes = [];
                mutation = "emptied";
                break;
            case 2:
                mutation = labels ? LabelsOutOfRange(ref bytes, npy, random) : WrongShape(ref bytes, npy, random);
                break;
            case 3:
                mutation = npy ? BadNpyHeader(ref bytes, random) : BadIdxHeader(bytes, random);
                break;
            case 4:
                mutation = WrongShape(ref bytes, npy, random);
                break;
            case 5:
                bytes = Bomb(bytes);
                mutation = "gzip-compressed with a quarter gigabyte of zeros after its data";
                break;
            default:
                // The other split's labels: the counts disagree.
                string other = files[random.Next(files.Length)];
                bytes = File.ReadAllBytes(other);
                if (random.Next(2) == 0) bytes = bytes[..(bytes.Length / 2)];
                mutation = $"replaced by {(bytes.Length == new FileInfo(other).Length ? "" : "half of ")}{Path.GetFileName(other)}";
                break;
        }
        File.WriteAllBytes(file, bytes);
        return $"{name}: {mutation}";
    }

    private static string LabelsOutOfRange(ref byte[] bytes, bool npy, Random random)
    {
        if (npy)
        {
            long[] labels = [.. Enumerable.Range(0, 64).Select(_ => (long)random.Next(-20, 20) * (random.Next(3) == 0 ? 1_000_000_000_000 : 1))];
            string descr = random.Next(2) == 0 ? "<i8" : "<f8";
            byte[] data = descr == "<i8" ? labels.SelectMany(BitConverter.GetBytes).ToArray() : labels.SelectMany(l => BitConverter.GetBytes(random.Next(4) == 0 ? double.NaN : l + 0.5)).ToArray();
            bytes = Npy.Bytes(Npy.Header(descr, [labels.Length]), data);
            return $"labels out of range as {descr}";
        }
        int header = 8;
        for (int i = header; i < bytes.Length; i += 1 + random.Next(8)) bytes[i] = (byte)random.Next(10, 256);
        return "labels above 9";
    }

    private static string WrongShape(ref byte[] bytes, bool npy, Random random)
    {
        long[][] shapes = [[64, 3, 32, 32], [64, 28], [64], [64, 1, 28, 28], [0, 28, 28], [64, 784], [64, 28, 28, 1], [2, 28, 28]];
        long[] shape = shapes[random.Next(shapes.Length)];
        long count = shape.Aggregate(1L, (p, d) => p * d);
        string descr = random.Next(3) == 0 ? "<f4" : "|u1";
        int width = descr == "<f4" ? 4 : 1;
        var data = new byte[count * width];
        random.NextBytes(data);
        if (npy)
        {
            bytes = Npy.Bytes(Npy.Header(descr, shape), data);
            return $"shape {string.Join('x', shape)} of {descr}";
        }
        var idx = new byte[4 + 4 * shape.Length + count];
        idx[2] = 0x08;
        idx[3] = (byte)shape.Length;
        for (int i = 0; i < shape.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(idx.AsSpan(4 + 4 * i), (uint)shape[i]);
        data.AsSpan(0, (int)count).CopyTo(idx.AsSpan(4 + 4 * shape.Length));
        bytes = idx;
        return $"IDX of shape {string.Join('x', shape)}";
    }

    private static string BadNpyHeader(ref byte[] bytes, Random random)
    {
        long dim = BadDims[random.Next(BadDims.Length)];
        (string header, string what) = random.Next(6) switch
        {
            0 => (Npy.Header(BadDescrs[random.Next(BadDescrs.Length)], [64, 28, 28]), "element type"),
            1 => (Npy.Header("|u1", [dim, 28, 28]), $"first dimension {dim}"),
            2 => (Npy.Header("|u1", [64, dim, dim]), $"sample dimensions {dim}"),
            3 => ("{'descr': '|u1', 'fortran_order': False, 'shape': (a, 28, 28), }", "shape of letters"),
            4 => ("{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999999999999999, 28), }", "shape past long"),
            _ => ("{'descr': '|u1', 'fortran_order': True, 'shape': (64, 28, 28), }", "Fortran order"),
        };
        int start = 10 + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        bytes = Npy.Bytes(header, bytes.AsSpan(Math.Min(start, bytes.Length)));
        if (random.Next(4) == 0) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)random.Next(65536));
        return $".npy header with a bad {what}";
    }

    private static string BadIdxHeader(byte[] bytes, Random random)
    {
        switch (random.Next(4))
        {
            case 0:
                bytes[2] = (byte)new[] { 0x00, 0x0A, 0xFF, 0x0D, 0x0E }[random.Next(5)];
                return $"IDX type code 0x{bytes[2]:X2}";
            case 1:
                bytes[3] = (byte)new[] { 0, 1, 4, 200, 255 }[random.Next(5)];
                return $"IDX rank {bytes[3]}";
            default:
                int rank = bytes[3];
                int at = random.Next(Math.Max(rank, 1));
                uint dim = new uint[] { 0, uint.MaxValue, 1_000_000, 65_536, 0x80000000 }[random.Next(5)];
                if (4 + 4 * at + 4 <= bytes.Length) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * at), dim);
                return string.Create(CultureInfo.InvariantCulture, $"IDX dimension {at} set to {dim}");
        }
    }

    /// <summary>The file gzip-compressed, then a second gzip member of 256 MiB of zeros: small on disk, large once read.</summary>
    private static byte[] Bomb(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        output.Write(ZeroTail.Value);
        return output.ToArray();
    }

    private static readonly Lazy<byte[]> ZeroTail = new(() =>
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (int i = 0; i < 256; i++) gzip.Write(zeros);
        }
        return output.ToArray();
    });
}
