using Google.Protobuf;
using QuiltNet.Tests;

namespace QuiltNet.Graph.Tests;

public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string ValidModel() => new ModelBuilder().Input("x", 1, 4).Weight("w", 4, 3)
        .Node("MatMul", ["x", "w"], ["h"]).Node("Relu", ["h"], ["y"]).Output("y", 1, 3).Save(_temp.File("valid.onnx"));

    [Fact]
    public void Missing_file_names_the_file()
    {
        var e = Assert.Throws<QuiltNetException>(() => OnnxGraph.Load(_temp.File("nope.onnx")));
        Assert.EndsWith("nope.onnx: file not found", e.Message);
    }

    [Fact]
    public void Text_file_is_not_onnx()
    {
        File.WriteAllText(_temp.File("readme.onnx"), "this is not a model\n");
        var e = Assert.Throws<QuiltNetException>(() => OnnxGraph.Load(_temp.File("readme.onnx")));
        Assert.Contains("readme.onnx", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Truncated_model_is_rejected()
    {
        var bytes = File.ReadAllBytes(ValidModel());
        File.WriteAllBytes(_temp.File("cut.onnx"), bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<QuiltNetException>(() => OnnxGraph.Load(_temp.File("cut.onnx")));
        Assert.Contains("cut.onnx", e.Message);
    }

    [Fact]
    public void Garbled_model_is_rejected_or_loads_but_never_crashes()
    {
        var bytes = File.ReadAllBytes(ValidModel());
        var random = new Random(3);
        for (int trial = 0; trial < 50; trial++)
        {
            var garbled = (byte[])bytes.Clone();
            for (int i = 0; i < 8; i++) garbled[random.Next(garbled.Length)] = (byte)random.Next(256);
            string path = _temp.File($"garbled{trial}.onnx");
            File.WriteAllBytes(path, garbled);
            try
            {
                ModelProfiler.Profile(OnnxGraph.Load(path));
            }
            catch (QuiltNetException e)
            {
                Assert.StartsWith(path, e.Message);
            }
        }
    }

    [Fact]
    public void Cut_position_that_does_not_exist_is_named()
    {
        var graph = OnnxGraph.Load(ValidModel());
        var shapes = TensorShapeInference.Infer(graph);
        var e = Assert.Throws<ArgumentException>(() => ModelSplitter.Split(graph, shapes, [5], _temp.File("out")));
        Assert.Equal("position", e.ParamName);
        Assert.StartsWith("position 5 does not exist in valid.onnx: cut positions run from 1 to 1", e.Message);
        Assert.False(Directory.Exists(_temp.File("out")), "nothing is written for a bad cut");
    }

    [Fact]
    public void Unknown_operator_without_shapes_cannot_be_profiled_and_says_why()
    {
        string path = new ModelBuilder().Input("x", 1, 4).Node("Frobnicate", ["x"], ["h"], "com.example")
            .Node("Relu", ["h"], ["y"]).Output("y", 1, 4)
            .Save(_temp.File("custom.onnx"), ("com.example", 1));
        var e = Assert.Throws<QuiltNetException>(() => ModelProfiler.Profile(OnnxGraph.Load(path)));
        Assert.Contains("shapes cannot be found", e.Message);
        Assert.Contains("Frobnicate", e.Message);
    }

    [Fact]
    public void Unknown_operator_with_value_info_is_profiled_by_the_fallback()
    {
        string path = new ModelBuilder().Input("x", 1, 4).Weight("w", 4, 6).Node("MatMul", ["x", "w"], ["h"]).ValueInfo("h", 1, 6)
            .Node("Frobnicate", ["h"], ["y"], "com.example").Output("y", 1, 6)
            .Save(_temp.File("custom.onnx"), ("com.example", 1));
        var profile = ModelProfiler.Profile(OnnxGraph.Load(path));
        Assert.Equal("value_info", profile.ShapeSource);
        Assert.Equal(24, profile.Totals.Macs);
        Assert.True(profile.Layers[1].CostEstimated);
        Assert.Contains(profile.Warnings, w => w.Contains("com.example:Frobnicate"));
    }

    [Fact]
    public void Input_shape_for_a_missing_input_is_named()
    {
        var graph = OnnxGraph.Load(ValidModel());
        var e = Assert.Throws<ArgumentException>(() => TensorShapeInference.Infer(graph, ShapeBindings.Parse(["image=1x4"])));
        Assert.Equal("bindings", e.ParamName);
        Assert.StartsWith("model valid.onnx has no input 'image'", e.Message);
    }

    [Fact]
    public void Input_shape_contradicting_a_fixed_dimension_is_named()
    {
        var graph = OnnxGraph.Load(ValidModel());
        var e = Assert.Throws<ArgumentException>(() => TensorShapeInference.Infer(graph, ShapeBindings.Parse(["x=1x5"])));
        Assert.Contains("fixed dimension 1 = 4", e.Message);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("x=")]
    [InlineData("x=1xa")]
    [InlineData("x=0x4")]
    public void Malformed_input_shapes_are_rejected(string item)
    {
        var e = Assert.Throws<ArgumentException>(() => ShapeBindings.Parse([item]));
        Assert.Equal("inputShapes", e.ParamName);
    }

    [Fact]
    public void Graph_with_a_cycle_is_rejected()
    {
        var model = new ModelBuilder().Input("x", 1, 4).Node("Add", ["x", "b"], ["a"]).Node("Relu", ["a"], ["b"]).Output("b", 1, 4).Build();
        File.WriteAllBytes(_temp.File("cycle.onnx"), model.ToByteArray());
        var e = Assert.Throws<QuiltNetException>(() => OnnxGraph.Load(_temp.File("cycle.onnx")));
        Assert.Contains("cycle", e.Message);
    }
}
