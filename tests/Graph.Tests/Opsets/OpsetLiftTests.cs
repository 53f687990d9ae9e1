using QuiltNet.Graph.Backward;
using QuiltNet.Graph.Opsets;
using QuiltNet.Tests;

namespace QuiltNet.Graph.Tests.Opsets;

/// <summary>
/// Lifting a model to a newer opset rewrites each operator whose form changed, keeps every tensor and node name
/// and the node order (so positions and cuts hold), and is checked by running both in ONNX Runtime.
/// </summary>
public sealed class OpsetLiftTests
{
    private static string Fixture(long opset) => Path.Combine(Repository.Root, "tests", "Fixtures", "Opsets", $"cnn3_opset{opset}.onnx");

    [Theory]
    [InlineData(9)]
    [InlineData(11)]
    public void The_exported_cnn_lifts_node_for_node_and_computes_the_same(long opset)
    {
        var graph = OnnxGraph.Load(Fixture(opset));
        Assert.Equal(opset, graph.OpsetVersion);
        var shapes = TensorShapeInference.Infer(graph, new ShapeBindings { DynamicDim = 28 });
        var lifted = OpsetLift.Verified(graph, 16, shapes);

        Assert.Equal(16, lifted.OpsetVersion);
        Assert.Equal(graph.Nodes.Select(n => n.Name), lifted.Nodes.Select(n => n.Name));
        Assert.Equal(graph.Nodes.Select(n => n.Outputs), lifted.Nodes.Select(n => n.Outputs));
        var ops = lifted.Nodes.ToDictionary(n => n.Name, n => n.Proto);
        Assert.DoesNotContain(ops.Values, n => n.OpType == "Upsample");
        Assert.All(ops.Values.Where(n => n.OpType is "Squeeze" or "Unsqueeze" or "ReduceSum" or "Split"),
            n => Assert.DoesNotContain(n.Attribute, a => a.Name is "axes" or "split"));
        Assert.All(ops.Values.Where(n => n.OpType == "Slice"), n => Assert.True(n.Input.Count >= 3));

        var input = HostTensor.Float([2, 3, 28, 28], Enumerable.Range(0, 2 * 3 * 28 * 28).Select(i => (i % 97) / 97f).ToArray());
        var feeds = new Dictionary<string, HostTensor> { ["input"] = input };
        using var original = OnnxRunner.Open(Fixture(opset));
        using var liftedRunner = new OnnxRunner(OrtSessions.Open(Google.Protobuf.MessageExtensions.ToByteArray(lifted.Model)));
        var expected = original.Run(feeds)["logits"].AsDoubles();
        var actual = liftedRunner.Run(feeds)["logits"].AsDoubles();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) < 1e-5, $"logit {i}: {actual[i]} against {expected[i]}");
    }

    [Fact]
    public void Pad_and_dropout_of_opset_10_lift()
    {
        var model = new ModelBuilder()
            .Input("x", 2, 3, 4)
            .Node("Pad", ["x"], ["padded"], attributes: [ModelBuilder.Ints("pads", 0, 1, 2, 0, 1, 0), Attr.Float("value", 0.25f)])
            .Node("Dropout", ["padded"], ["y"], attributes: [Attr.Float("ratio", 0.3f)])
            .Node("Clip", ["y"], ["z"], attributes: [Attr.Float("max", 0.5f)])
            .Output("z", 2, 5, 6)
            .Build();
        model.OpsetImport[0].Version = 10;
        var graph = OnnxGraph.FromModel(model, "opset 10");
        var lifted = OpsetLift.Verified(graph, 16, TensorShapeInference.Infer(graph));
        Assert.Equal(["Pad", "Identity", "Clip"], lifted.Nodes.Select(n => n.OpType));
        Assert.Equal(3, lifted.Nodes[2].Proto.Input.Count);
        Assert.Equal("", lifted.Nodes[2].Proto.Input[1]);
    }

    [Fact]
    public void A_model_already_at_the_target_is_returned_as_it_is()
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_vgg"));
        Assert.Same(graph, OpsetLift.Verified(graph, 16, TensorShapeInference.Infer(graph)));
    }
}
