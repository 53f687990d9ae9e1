using Google.Protobuf;
using QuiltNet.Data;
using QuiltNet.Tests;

namespace QuiltNet.Graph.Tests;

public sealed class ExternalDataTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Moves every initializer's bytes into one side file, the way onnx.save(..., save_as_external_data=True) does.</summary>
    private string Externalise(string source, string target)
    {
        var model = Onnx.ModelProto.Parser.ParseFrom(File.ReadAllBytes(source));
        using var side = File.Create(_temp.File("weights.bin"));
        foreach (var tensor in model.Graph.Initializer.Where(t => t.RawData.Length > 0))
        {
            long offset = side.Position;
            tensor.RawData.WriteTo(side);
            tensor.ExternalData.Add(new Onnx.StringStringEntryProto { Key = "location", Value = "weights.bin" });
            tensor.ExternalData.Add(new Onnx.StringStringEntryProto { Key = "offset", Value = offset.ToString() });
            tensor.ExternalData.Add(new Onnx.StringStringEntryProto { Key = "length", Value = tensor.RawData.Length.ToString() });
            tensor.RawData = ByteString.Empty;
            tensor.DataLocation = Onnx.TensorProto.Types.DataLocation.External;
        }
        File.WriteAllBytes(target, model.ToByteArray());
        return target;
    }

    [Fact]
    public void Weights_in_external_files_profile_and_split_like_inline_ones()
    {
        string inline = Repository.Model("fmnist_resnet");
        string external = Externalise(inline, _temp.File("external.onnx"));
        Assert.True(new FileInfo(external).Length < new FileInfo(inline).Length / 10, "the weights really moved out");

        var expected = ModelProfiler.Profile(OnnxGraph.Load(inline));
        var graph = OnnxGraph.Load(external);
        var actual = ModelProfiler.Profile(graph);
        Assert.Equal(expected.Totals, actual.Totals);

        var shapes = TensorShapeInference.Infer(graph);
        int middle = actual.Cuts[actual.Cuts.Count / 2].Position;
        ModelSplitter.Split(graph, shapes, [middle], _temp.File("stages"));
        var report = PipelineVerifier.Verify(_temp.File("stages"), null, samples: 2);
        Assert.True(report.MaxAbsDiff <= 1e-5, $"max abs diff {report.MaxAbsDiff}");
    }

    [Fact]
    public void Missing_external_file_is_named()
    {
        string external = Externalise(Repository.Model("fmnist_resnet"), _temp.File("external.onnx"));
        File.Delete(_temp.File("weights.bin"));
        var e = Assert.Throws<QuiltNetException>(() => OnnxGraph.Load(external));
        Assert.Contains("weights.bin", e.Message);
    }
}
