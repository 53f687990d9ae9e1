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

    [Fact]
    public void A_model_that_runs_only_at_its_bound_height_and_width_still_takes_any_batch()
    {
        // The sum only fits where height and width are even (pool, then a transposed convolution back): as in a detector whose
        // maps halve and double again, 29x21 cannot run, but a second sample can.
        string path = new ModelBuilder()
            .Input("x", -1, 1, -1, -1)
            .Weight("w", 1, 1, 2, 2)
            .Node("MaxPool", ["x"], ["p"], "", ModelBuilder.Ints("kernel_shape", 2, 2), ModelBuilder.Ints("strides", 2, 2))
            .Node("ConvTranspose", ["p", "w"], ["u"], "", ModelBuilder.Ints("strides", 2, 2))
            .Node("Add", ["x", "u"], ["y"])
            .Output("y", -1, 1, -1, -1)
            .Save(_temp.File("even_only.onnx"));
        var graph = OnnxGraph.Load(path);

        var shapes = TensorShapeInference.Infer(graph, ShapeBindings.Parse(["x=1x1x28x20"]));

        Assert.Equal([1L, 1, 14, 10], shapes["p"].Shape);
        Assert.NotNull(shapes["p"].SymbolicDims[0]);
        Assert.All([1, 2, 3], axis => Assert.Null(shapes["p"].SymbolicDims.ElementAtOrDefault(axis)));
    }
}
