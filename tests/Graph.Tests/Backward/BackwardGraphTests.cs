using QuiltNet.Graph.Backward;
using QuiltNet.Tests;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>What the generator promises beyond the numbers: errors, names, and what it leaves out.</summary>
public sealed class BackwardGraphTests
{
    private static TensorShapes ShapesOf(Onnx.ModelProto model) => TensorShapeInference.Infer(OnnxGraph.FromModel(model, "test"));

    private static OpModel TwoBranches() => new OpModel()
        .Input("x", Values.Uniform(new Random(1), [2, 3], -1, 1))
        .Input("z", Values.Uniform(new Random(2), [2, 3], -1, 1))
        .Node("Relu", ["x"], ["y1"])
        .Node("Einsum", ["z"], ["y2"], Attr.String("equation", "ij->ji"))
        .Output("y1").Output("y2");

    [Fact]
    public void An_operator_without_rule_on_the_path_raises_an_error_naming_it()
    {
        var model = TwoBranches().Build();
        var e = Assert.Throws<NoGradientRuleException>(() => BackwardGraph.Build(model, ["z"], ShapesOf(model)));
        Assert.Equal("Einsum", e.OpType);
        Assert.Equal("y2_node", e.NodeName);
        Assert.Contains("Einsum", e.Message);
        Assert.Contains("y2_node", e.Message);
        Assert.IsAssignableFrom<QuiltNetException>(e);

        var blocked = BackwardGraph.UnsupportedNodes(OnnxGraph.FromModel(model, "test"), ["z"], ShapesOf(model));
        Assert.Equal([new UnsupportedNode("y2_node", "Einsum", ["z"])], blocked, new UnsupportedNodeComparer());
    }

    [Fact]
    public void An_operator_of_another_domain_on_the_path_raises_the_same_error()
    {
        var model = new ModelBuilder()
            .Input("x", 2, 3)
            .Node("FastGelu", ["x"], ["y"], "com.microsoft")
            .Output("y")
            .Build(("com.microsoft", 1));
        var e = Assert.Throws<NoGradientRuleException>(() => BackwardGraph.Build(model, ["x"], ShapesOf(model)));
        Assert.Equal("com.microsoft.FastGelu", e.OpType);
    }

    [Fact]
    public void A_rule_that_cannot_handle_a_variant_raises_the_same_error()
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(3), [1, 2, 3, 3], -1, 1))
            .Input("w", Values.Uniform(new Random(4), [2, 2, 2, 2], -1, 1))
            .Node("ConvTranspose", ["x", "w"], ["y"], Attr.Ints("strides", [2, 2]), Attr.Ints("output_shape", [7, 7]))
            .Output("y")
            .Build();
        var e = Assert.Throws<NoGradientRuleException>(() => BackwardGraph.Build(model, ["x"], ShapesOf(model)));
        Assert.Equal("ConvTranspose", e.OpType);
        Assert.Contains("output_shape", e.Message);
    }

    [Fact]
    public void Nodes_off_the_gradient_path_get_no_backward_nodes()
    {
        var model = TwoBranches().Build();
        var backward = BackwardGraph.Build(model, ["x"], ShapesOf(model));
        Assert.Equal(["y1"], backward.UpstreamGradients.Keys);
        Assert.DoesNotContain(backward.Model.Graph.Node, n => n.Name.StartsWith("y2_node/", StringComparison.Ordinal));
        Assert.Contains(backward.Model.Graph.Node, n => n.Name.StartsWith("y1_node/grad", StringComparison.Ordinal));
        // The forward pass is kept whole: both outputs, every forward node.
        Assert.Equal(["y1", "y2", backward.Gradients["x"]], backward.Model.Graph.Output.Select(o => o.Name));
        Assert.Contains(backward.Model.Graph.Node, n => n.OpType == "Einsum");
    }

    [Fact]
    public void A_requested_intermediate_tensor_leaves_its_producer_alone_when_nothing_before_it_is_requested()
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(8), [2, 3], -1, 1))
            .Node("Einsum", ["x"], ["h"], Attr.String("equation", "ij->ij"))
            .Node("Tanh", ["h"], ["y"])
            .Output("y")
            .Build();
        var backward = BackwardGraph.Build(model, ["h"], ShapesOf(model));
        Assert.DoesNotContain(backward.Model.Graph.Node, n => n.Name.StartsWith("h_node/", StringComparison.Ordinal));
        Assert.Contains(backward.Model.Graph.Node, n => n.Name.StartsWith("y_node/grad", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tensor_that_reaches_no_output_gets_a_zero_gradient()
    {
        var values = new OpModel()
            .Input("x", Values.Uniform(new Random(4), [2, 3], -1, 1))
            .Input("unused", Values.Uniform(new Random(5), [3, 2], -1, 1))
            .Node("Shape", ["unused"], ["shape"])
            .Node("Reshape", ["x", "shape"], ["y"])
            .Output("y");
        var model = values.Build();
        var backward = BackwardGraph.Build(model, ["unused"], ShapesOf(model));
        Assert.Empty(backward.UpstreamGradients);
        using var runner = new OnnxRunner(OrtSessions.Open(Google.Protobuf.MessageExtensions.ToByteArray(backward.Model)));
        var gradient = runner.Run(values.Values)[backward.Gradients["unused"]];
        Assert.Equal([3L, 2L], gradient.Shape);
        Assert.All(gradient.AsDoubles(), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void Constants_integers_and_unknown_names_get_no_gradient()
    {
        var model = new OpModel()
            .Input("x", Values.Uniform(new Random(6), [2, 3], -1, 1))
            .Constant("w", Values.Uniform(new Random(7), [3, 3], -1, 1))
            .Node("MatMul", ["x", "w"], ["m"])
            .Node("Shape", ["m"], ["shape"])
            .Node("Reshape", ["m", "shape"], ["y"])
            .Output("y")
            .Build();
        var shapes = ShapesOf(model);
        Assert.Contains("constant", Assert.Throws<QuiltNetException>(() => BackwardGraph.Build(model, ["w"], shapes)).Message);
        Assert.Contains("int64", Assert.Throws<QuiltNetException>(() => BackwardGraph.Build(model, ["shape"], shapes)).Message);
        Assert.Contains("no input or node output", Assert.Throws<QuiltNetException>(() => BackwardGraph.Build(model, ["nope"], shapes)).Message);
    }

    [Fact]
    public void Models_older_than_opset_9_are_refused()
    {
        var model = new OpModel().Input("x", Values.Uniform(new Random(7), [2], -1, 1)).Node("Relu", ["x"], ["y"]).Output("y").Build(opset: 8);
        var e = Assert.Throws<QuiltNetException>(() => BackwardGraph.Build(model, ["x"], ShapesOf(model)));
        Assert.Contains("opset 9", e.Message);
    }

    [Fact]
    public void Supported_operators_cover_the_example_models()
    {
        string[] exported = ["Conv", "Relu", "Clip", "Add", "Sub", "Mul", "Div", "MaxPool", "GlobalAveragePool", "Flatten", "Gemm",
            "MatMul", "Reshape", "Transpose", "Softmax", "LayerNormalization", "ReduceMean", "Erf", "Pow", "Sqrt", "Concat", "Slice",
            "Split", "Squeeze", "Unsqueeze", "Gather", "BatchNormalization", "AveragePool", "Identity"];
        Assert.All(exported, op => Assert.True(BackwardGraph.Supports(op), op));
        Assert.False(BackwardGraph.Supports("Einsum"));
        Assert.Equal(BackwardGraph.SupportedOperators.Order(StringComparer.Ordinal), BackwardGraph.SupportedOperators);
    }

    private sealed class UnsupportedNodeComparer : IEqualityComparer<UnsupportedNode>
    {
        public bool Equals(UnsupportedNode? a, UnsupportedNode? b) =>
            a is not null && b is not null && a.Node == b.Node && a.OpType == b.OpType && a.Blocked.SequenceEqual(b.Blocked);

        public int GetHashCode(UnsupportedNode node) => HashCode.Combine(node.Node, node.OpType);
    }
}
