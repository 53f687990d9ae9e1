using QuiltNet.Tests;
using static QuiltNet.Tests.ModelBuilder;

namespace QuiltNet.Graph.Tests;

/// <summary>Each cost rule against the count worked out by hand for a one-operator model.</summary>
public sealed class CostRuleTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private LayerProfile ProfileSingle(ModelBuilder builder)
    {
        var profile = ModelProfiler.Profile(OnnxGraph.Load(builder.Save(_temp.File("m.onnx"))));
        Assert.Empty(profile.Warnings);
        return Assert.Single(profile.Layers);
    }

    [Fact]
    public void Dense_strided_conv_counts_output_elements_times_kernel_volume()
    {
        var layer = ProfileSingle(new ModelBuilder().Input("x", 1, 3, 8, 8).Weight("w", 4, 3, 3, 3).Weight("b", 4)
            .Node("Conv", ["x", "w", "b"], ["y"], "", Ints("strides", 2, 2), Ints("pads", 1, 1, 1, 1)).Output("y", 1, 4, 4, 4));
        Assert.Equal(4 * 4 * 4 * 3 * 3 * 3, layer.Macs); // 64 outputs, each 27 products
        Assert.Equal(2 * layer.Macs + 64, layer.Flops); // plus one bias add per output
        Assert.Equal(4 * 27 + 4, layer.Parameters);
        Assert.Equal((4 * 27 + 4) * 4, layer.WeightBytes);
        Assert.Equal(64 * 4, layer.OutputBytes);
    }

    [Fact]
    public void Depthwise_conv_counts_one_input_channel_per_output()
    {
        var layer = ProfileSingle(new ModelBuilder().Input("x", 1, 8, 10, 10).Weight("w", 8, 1, 3, 3)
            .Node("Conv", ["x", "w"], ["y"], "", Int("group", 8), Ints("pads", 1, 1, 1, 1)).Output("y", 1, 8, 10, 10));
        Assert.Equal(8 * 10 * 10 * 9, layer.Macs);
    }

    [Fact]
    public void Conv_transpose_counts_every_input_element_against_its_kernel()
    {
        var layer = ProfileSingle(new ModelBuilder().Input("x", 1, 4, 4, 4).Weight("w", 4, 2, 2, 2)
            .Node("ConvTranspose", ["x", "w"], ["y"], "", Ints("strides", 2, 2)).Output("y", 1, 2, 8, 8));
        Assert.Equal(64 * 2 * 2 * 2, layer.Macs); // 64 inputs, each scattered into 2 channels × 2×2
    }

    [Fact]
    public void Gemm_with_transposed_b_counts_m_n_k()
    {
        var layer = ProfileSingle(new ModelBuilder().Input("a", 2, 5).Weight("b", 3, 5).Weight("c", 3)
            .Node("Gemm", ["a", "b", "c"], ["y"], "", Int("transB", 1)).Output("y", 2, 3));
        Assert.Equal(2 * 3 * 5, layer.Macs);
    }

    [Fact]
    public void Batched_matmul_between_activations_counts_every_batch()
    {
        var layer = ProfileSingle(new ModelBuilder().Input("q", 2, 4, 6, 5).Input("k", 2, 4, 5, 7)
            .Node("MatMul", ["q", "k"], ["y"]).Output("y", 2, 4, 6, 7));
        Assert.Equal(2 * 4 * 6 * 7 * 5, layer.Macs);
        Assert.Equal(0, layer.WeightBytes);
    }

    [Fact]
    public void Max_pool_counts_window_flops_and_no_macs()
    {
        var layer = ProfileSingle(new ModelBuilder().Input("x", 1, 8, 10, 10)
            .Node("MaxPool", ["x"], ["y"], "", Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)).Output("y", 1, 8, 5, 5));
        Assert.Equal(0, layer.Macs);
        Assert.Equal(8 * 5 * 5 * 4, layer.Flops);
    }

    [Fact]
    public void Operator_without_rule_is_costed_by_the_stated_fallback_with_a_warning()
    {
        var builder = new ModelBuilder().Input("a", 3, 4).Weight("b", 4, 5)
            .Node("Einsum", ["a", "b"], ["y"], "", new Onnx.AttributeProto { Name = "equation", Type = Onnx.AttributeProto.Types.AttributeType.String, S = Google.Protobuf.ByteString.CopyFromUtf8("ij,jk->ik") })
            .Output("y", 3, 5);
        var profile = ModelProfiler.Profile(OnnxGraph.Load(builder.Save(_temp.File("einsum.onnx"))));
        var layer = Assert.Single(profile.Layers);
        Assert.True(layer.CostEstimated);
        Assert.Equal(15, layer.Flops);
        Assert.Contains(profile.Warnings, w => w.Contains("Einsum") && w.Contains("one FLOP per output element"));
    }
}
