using QuiltNet.Graph.Backward;
using QuiltNet.Graph.Opsets;

namespace QuiltNet.Graph.Tests.Backward;

/// <summary>
/// Models of opsets 9 to 12 write Squeeze, Unsqueeze, ReduceSum, Split, Slice, Clip and Softmax in their
/// older forms, and opset 9 upsamples with Upsample: the backward graph lifts them and still matches finite differences
/// of the original, un-lifted model.
/// </summary>
public sealed class OldOpsetGradientTests
{
    private static readonly GradientCheck Check = new(SkipKinks: true);

    [Theory]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(12)]
    public void Old_forms_are_differentiated_through_their_lift(long opset)
    {
        var model = new OpModel()
            .Input("x", Values.AwayFrom(new Random((int)opset), [2, 4, 3, 3], -1, 1, 0.05, 0.2, 0.8))
            .Node("Clip", ["x"], ["clipped"], Attr.Float("min", 0.2f), Attr.Float("max", 0.8f))
            .Node("Split", ["clipped"], ["a", "b"], Attr.Int("axis", 1), Attr.Ints("split", [1, 3]))
            .Node("Concat", ["b", "a"], ["swapped"], Attr.Int("axis", 1))
            .Node("Slice", ["swapped"], ["sliced"], Attr.Ints("starts", [1]), Attr.Ints("ends", [3]), Attr.Ints("axes", [2]))
            .Node("Mul", ["sliced", "sliced"], ["squared"])
            .Node("ReduceSum", ["squared"], ["summed"], Attr.Ints("axes", [2, 3]), Attr.Int("keepdims", 1))
            .Node("Squeeze", ["summed"], ["flat"], Attr.Ints("axes", [2, 3]))
            .Node("Unsqueeze", ["flat"], ["row"], Attr.Ints("axes", [1]))
            .Node("Softmax", ["row"], ["y"], Attr.Int("axis", 2))
            .Output("y");
        if (opset == 9)
            model = model.Node("Upsample", ["x", "scales"], ["z"], Attr.String("mode", "nearest"))
                .Constant("scales", HostTensor.Float([4], [1, 1, 2, 2]))
                .Output("z");
        var forward = model.Build(opset);
        if (opset >= 10)
            ToInputForm(forward, opset);
        Check.Verify(forward, model.Values, ["x"]);
    }

    [Fact]
    public void Softmax_over_flattened_axes_has_no_lifted_form_and_says_so()
    {
        var model = new OpModel().Input("x", Values.Uniform(new Random(3), [2, 3, 4], -1, 1))
            .Node("Softmax", ["x"], ["y"], Attr.Int("axis", 1)).Output("y").Build(opset: 11);
        var graph = OnnxGraph.FromModel(model, "old softmax");
        var e = Assert.Throws<QuiltNetException>(() => BackwardGraph.Build(graph, ["x"], TensorShapeInference.Infer(graph)));
        Assert.Contains("Softmax over the flattened axes 1..", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    /// <summary>Slice took inputs from opset 10 and Clip from 11: rewrites the attribute forms a model of that opset cannot hold.</summary>
    private static void ToInputForm(Onnx.ModelProto model, long opset)
    {
        foreach (var node in model.Graph.Node.Where(n => n.OpType == "Slice" || (n.OpType == "Clip" && opset >= 11)).ToList())
        {
            var constants = new InitializerConstants(model.Graph, "test");
            var attributes = node.Attribute.ToDictionary(a => a.Name);
            node.Attribute.Clear();
            if (node.OpType == "Slice")
                OpsetForms.SetSlice(node, [.. attributes["starts"].Ints], [.. attributes["ends"].Ints], [.. attributes["axes"].Ints], opset, constants);
            else
                OpsetForms.SetClip(node, attributes["min"].F, attributes["max"].F, opset, constants);
        }
    }
}
