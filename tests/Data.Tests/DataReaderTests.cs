using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Data.Tests;

public sealed class DataReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static byte[] Idx(byte code, int[] dims, byte[] payload)
    {
        var header = new byte[4 + 4 * dims.Length];
        header[2] = code;
        header[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return [.. header, .. payload];
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest)) gzip.Write(bytes);
        return memory.ToArray();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Idx_bytes_read_plain_or_gzip(bool gzip)
    {
        var bytes = Idx(0x08, [2, 2, 3], [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255]);
        File.WriteAllBytes(_temp.File("a.idx"), gzip ? Gzip(bytes) : bytes);
        var array = IdxReader.Read(_temp.File("a.idx"));
        Assert.Equal([2L, 2, 3], array.Shape);
        Assert.Equal(255f, array.Values[11]);
        Assert.True(array.IsBytes);
    }

    [Fact]
    public void Idx_floats_are_big_endian()
    {
        var payload = new byte[8];
        BinaryPrimitives.WriteSingleBigEndian(payload, 1.5f);
        BinaryPrimitives.WriteSingleBigEndian(payload.AsSpan(4), -2.25f);
        File.WriteAllBytes(_temp.File("f.idx"), Idx(0x0D, [2], payload));
        Assert.Equal([1.5f, -2.25f], IdxReader.Read(_temp.File("f.idx")).Values);
    }

    [Fact]
    public void Truncated_idx_says_how_much_is_missing()
    {
        File.WriteAllBytes(_temp.File("t.idx"), Idx(0x08, [10, 10], new byte[50]));
        var e = Assert.Throws<QuiltNetException>(() => IdxReader.Read(_temp.File("t.idx")));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Npy_float32_and_uint8_read_with_their_shape()
    {
        WriteNpy("f.npy", "<f4", "(2, 3)", new[] { 1f, 2f, 3f, 4f, 5f, 6.5f }.SelectMany(BitConverter.GetBytes).ToArray());
        var floats = NpyReader.Read(_temp.File("f.npy"));
        Assert.Equal([2L, 3], floats.Shape);
        Assert.Equal(6.5f, floats.Values[5]);
        Assert.False(floats.IsBytes);

        WriteNpy("b.npy", "|u1", "(4,)", [9, 8, 7, 6]);
        var bytes = NpyReader.Read(_temp.File("b.npy"));
        Assert.Equal([4L], bytes.Shape);
        Assert.Equal([9f, 8f, 7f, 6f], bytes.Values);
        Assert.True(bytes.IsBytes);
    }

    [Fact]
    public void Npy_fortran_order_is_refused()
    {
        WriteNpy("f.npy", "<f4", "(1,)", BitConverter.GetBytes(1f), fortran: true);
        var e = Assert.Throws<QuiltNetException>(() => NpyReader.Read(_temp.File("f.npy")));
        Assert.Contains("Fortran", e.Message);
    }

    [Fact]
    public void Images_and_labels_load_from_npy_pairs()
    {
        WriteNpy("t10k-images.npy", "|u1", "(2, 1, 2, 2)", [0, 255, 51, 102, 0, 0, 0, 255]);
        WriteNpy("t10k-labels.npy", "<i8", "(2,)", [.. BitConverter.GetBytes(3L), .. BitConverter.GetBytes(7L)]);
        var data = SampleSet.Load(_temp.Path, SampleSet.Evaluation);
        Assert.Equal([3, 7], data.Labels!);
        Assert.Equal([1L, 2, 2], data.SampleShape);
        Assert.Equal(1f, data.Slice(0, 1)[1]);
        Assert.Equal(0.2f, data.Slice(0, 1)[2], 6);
    }

    [Fact]
    public void Committed_fashion_mnist_subsets_load_with_all_ten_classes()
    {
        foreach (string split in new[] { SampleSet.Calibration, SampleSet.Evaluation })
        {
            var data = SampleSet.Load(Repository.Data, split);
            Assert.Equal(2000, data.Count);
            Assert.Equal([28L, 28], data.SampleShape); // IDX holds N×28×28; models take it as N×1×28×28
            Assert.Equal(10, data.Labels!.Distinct().Count());
            Assert.InRange(data.Slice(0, data.Count).Max(), 0.99f, 1f);
        }
    }

    [Fact]
    public void Missing_split_lists_the_file_names_looked_for()
    {
        var e = Assert.Throws<QuiltNetException>(() => SampleSet.Load(_temp.Path, SampleSet.Evaluation));
        Assert.Contains("t10k-images-idx3-ubyte", e.Message);
    }

    private void WriteNpy(string name, string descr, string shape, byte[] data, bool fortran = false)
    {
        string header = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        header = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.AddRange([1, 0]);
        bytes.AddRange(BitConverter.GetBytes((ushort)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(data);
        File.WriteAllBytes(_temp.File(name), bytes.ToArray());
    }
}
