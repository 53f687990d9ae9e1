using System.IO.Compression;
using System.Text;
using System.Text.Json;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

/// <summary>
/// A CNN exported by PyTorch at opset 9 (dynamic batch, height and width; three channels; Pad, Slice, Clip, Split,
/// Upsample, Squeeze, Unsqueeze and ReduceSum in their opset-9 forms) through the real <c>compress</c>: PCA and
/// distillation with 8- and 4-bit codes, every stage fused at opset 9 and measured in ONNX Runtime.
/// </summary>
[Trait("Category", "Slow")]
public sealed class OldOpsetCompressTests : IDisposable
{
    private const int Samples = 200;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Fixture(int opset) => Path.Combine(Repository.Root, "tests", "Fixtures", "Opsets", $"cnn3_opset{opset}.onnx");

    [Theory]
    [InlineData(9, "distill", "8,4")]
    [InlineData(9, "pca", "8")]
    [InlineData(11, "distill", "8")]
    public void An_old_opset_model_compresses(int opset, string method, string bits)
    {
        var run = CliRun.Of("compress", Fixture(opset), "--data", ColourData(), "--cuts", "7,12", "--ratios", "4", "--bits", bits,
            "--method", method, "--epochs", "2", "--calibration", $"{Samples}", "--evaluation", $"{Samples}", "--no-cache", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(2 * bits.Split(',').Length, rows.Count);
        Assert.All(rows, row => Assert.InRange(row.GetProperty("accuracyDropPp").GetDouble(), -10, 15));
        // Per sample on both sides, however the dynamic dimensions were bound: 4× fewer features at 32 / bits.
        Assert.All(rows, row => Assert.Equal(4.0 * 32 / row.GetProperty("bits").GetInt32(),
            (double)row.GetProperty("bytesBefore").GetInt64() / row.GetProperty("bytesAfter").GetInt64(), 6));
    }

    [Fact]
    public void A_cut_whose_tensor_has_one_feature_is_a_one_line_error()
    {
        var run = CliRun.Of("compress", Fixture(9), "--data", ColourData(), "--cuts", "16", "--ratios", "4", "--bits", "8",
            "--method", "pca", "--calibration", "20", "--evaluation", "20", "--no-cache");
        run.AssertInputError("cut 16: cannot be compressed: '/Squeeze_output_0'");
        Assert.Contains("its last axis holds 1 feature", run.Error);
    }

    /// <summary>The bundled Fashion-MNIST subsets' first images with the grey channel repeated three times, as .npy files.</summary>
    private string ColourData()
    {
        string folder = _folder.File("colour");
        if (Directory.Exists(folder)) return folder;
        Directory.CreateDirectory(folder);
        foreach (string split in new[] { "train", "t10k" })
        {
            byte[] images = Idx(Path.Combine(Repository.Data, $"{split}-images-idx3-ubyte.gz"), 16);
            byte[] labels = Idx(Path.Combine(Repository.Data, $"{split}-labels-idx1-ubyte.gz"), 8);
            var colour = new byte[Samples * 3 * 784];
            for (int i = 0; i < Samples; i++)
                for (int c = 0; c < 3; c++)
                    Array.Copy(images, i * 784, colour, (i * 3 + c) * 784, 784);
            Npy(Path.Combine(folder, $"{split}-images.npy"), $"({Samples}, 3, 28, 28)", colour);
            Npy(Path.Combine(folder, $"{split}-labels.npy"), $"({Samples},)", labels[..Samples]);
        }
        return folder;
    }

    private static byte[] Idx(string path, int header)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var bytes = new MemoryStream();
        gzip.CopyTo(bytes);
        return bytes.ToArray()[header..];
    }

    private static void Npy(string path, string shape, byte[] values)
    {
        string header = $"{{'descr': '|u1', 'fortran_order': False, 'shape': {shape}, }}";
        header = header.PadRight(((10 + header.Length + 1 + 63) / 64 * 64) - 10 - 1) + "\n";
        using var file = File.Create(path);
        file.Write([0x93, .. "NUMPY"u8, 1, 0, (byte)(header.Length & 0xff), (byte)(header.Length >> 8)]);
        file.Write(Encoding.ASCII.GetBytes(header));
        file.Write(values);
    }
}
