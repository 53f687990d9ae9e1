using System.Text.Json;
using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Tests;

namespace QuiltNet.Graph.Tests;

/// <summary>
/// The example models against <c>examples/models/reference.json</c>, written by the training script from
/// PyTorch (module hooks and parameter counts), independently of the ONNX files.
/// </summary>
public sealed class ExampleModelTests
{
    private static readonly JsonElement Reference =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Models, "reference.json"))).RootElement.GetProperty("models");

    private static JsonElement Entry(string model) =>
        Reference.EnumerateObject().Single(p => p.Value.GetProperty("file").GetString() == model + ".onnx").Value;

    [Theory]
    [MemberData(nameof(Repository.ExampleModelData), MemberType = typeof(Repository))]
    public void Macs_and_parameters_match_the_independent_pytorch_count(string model)
    {
        var reference = Entry(model);
        var totals = ModelProfiler.Profile(OnnxGraph.Load(Repository.Model(model))).Totals;
        Assert.Equal(reference.GetProperty("macs").GetInt64(), totals.Macs);
        // PyTorch leaves out the exporter's scalar constants (input normalisation, attention scale, GELU's constants).
        long parameters = reference.GetProperty("parameters").GetInt64();
        Assert.InRange(totals.Parameters, parameters, parameters + 64);
    }

    [Theory]
    [MemberData(nameof(Repository.ExampleModelData), MemberType = typeof(Repository))]
    public void Onnx_runtime_accuracy_matches_pytorch_on_the_committed_evaluation_images(string model)
    {
        var reference = Entry(model);
        var data = SampleSet.Load(Repository.Data, SampleSet.Evaluation);
        using var runner = new OnnxRunner(OrtSessions.Open(Repository.Model(model)));
        var input = new TensorInfo("input", ElementType.Float, [1, 1, 28, 28]);
        int correct = (int)Math.Round(Top1.Accuracy(feeds => runner.Run(feeds), input, "logits", data) * data.Count);
        Assert.Equal(reference.GetProperty("evalSubsetImages").GetInt32(), data.Count);
        // Float rounding may flip an image or two whose top logits nearly tie.
        Assert.InRange(correct, reference.GetProperty("evalSubsetCorrect").GetInt32() - 2, reference.GetProperty("evalSubsetCorrect").GetInt32() + 2);
    }

    [Theory]
    [MemberData(nameof(Repository.ExampleModelData), MemberType = typeof(Repository))]
    public void Model_has_a_dynamic_batch_and_the_documented_contract(string model)
    {
        var graph = OnnxGraph.Load(Repository.Model(model));
        Assert.Equal(["input"], graph.Inputs);
        Assert.Equal(["logits"], graph.Outputs);
        Assert.Equal(17, graph.OpsetVersion);
        var shapes = TensorShapeInference.Infer(graph, new ShapeBindings { DynamicDim = 3 });
        Assert.Equal([3L, 10], shapes["logits"].Shape);
        Assert.True(new FileInfo(Repository.Model(model)).Length <= 5_000_000);
    }
}
