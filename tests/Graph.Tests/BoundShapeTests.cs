using QuiltNet.Tests;

namespace QuiltNet.Graph.Tests;

/// <summary>Dimensions a binding gives values to stay dynamic, so stages cut from the model take any batch.</summary>
public sealed class BoundShapeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Bound_dynamic_dimensions_still_follow_the_input_through_the_model()
    {
        string path = new ModelBuilder()
            .Input("x", -1, 1, -1, -1)
            .Weight("w", 8, 1, 3, 3)
            .Node("Conv", ["x", "w"], ["c"], "", ModelBuilder.Ints("pads", 1, 1, 1, 1))
            .Node("Relu", ["c"], ["y"])
            .Output("y", -1, 8, -1, -1)
            .Save(_temp.File("dynamic.onnx"));
        var graph = OnnxGraph.Load(path);

        var shapes = TensorShapeInference.Infer(graph, ShapeBindings.Parse(["x=1x1x28x20"]));

        Assert.Equal([1L, 8, 28, 20], shapes["c"].Shape);
        Assert.All([0, 2, 3], axis => Assert.NotNull(shapes["c"].SymbolicDims[axis]));
        Assert.Null(shapes["c"].SymbolicDims[1]);
    }
}
