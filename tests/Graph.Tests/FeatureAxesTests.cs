using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Graph.Tests;

/// <summary>The axis an autoencoder compresses, per frontier shape, and the one-line reason when there is none.</summary>
public sealed class FeatureAxesTests
{
    private static TensorInfo Tensor(long[] shape, params int[] dynamic) =>
        new("t", ElementType.Float, shape) { SymbolicDims = shape.Select((_, i) => dynamic.Contains(i) ? "N" : null).ToArray() };

    [Theory]
    [InlineData(new long[] { 1, 64, 8, 8 }, FeatureAxis.Channels, 64)]
    [InlineData(new long[] { 1, 10, 32 }, FeatureAxis.Last, 32)]
    [InlineData(new long[] { 1, 32 }, FeatureAxis.Last, 32)]
    [InlineData(new long[] { 1, 1, 28, 20 }, FeatureAxis.Last, 20)]
    public void Each_layout_gets_its_feature_axis(long[] shape, FeatureAxis axis, int features)
    {
        Assert.Equal(axis, FeatureAxes.Of(shape));
        Assert.Equal(features, FeatureAxes.Features(shape));
        Assert.Null(FeatureAxes.Obstacle(Tensor(shape, 0)));
    }

    [Theory]
    [InlineData(new long[] { 4 }, new[] { 0 }, "has no axis beside the batch")]
    [InlineData(new long[] { 1, 16, 1 }, new[] { 0 }, "its last axis holds 1 feature")]
    [InlineData(new long[] { 1, 1, 28, 28 }, new[] { 0, 2, 3 }, "its single channel's width (its last axis) is dynamic")]
    [InlineData(new long[] { 1, 7, 32 }, new[] { 0, 2 }, "its last axis is dynamic")]
    public void A_tensor_without_a_usable_axis_says_why_in_one_line(long[] shape, int[] dynamic, string reason)
    {
        string obstacle = FeatureAxes.Obstacle(Tensor(shape, dynamic))!;
        Assert.StartsWith($"'t' ({string.Join('x', shape)})", obstacle);
        Assert.Contains(reason, obstacle);
        Assert.DoesNotContain('\n', obstacle);
    }

    [Fact]
    public void A_cut_is_blocked_by_its_first_tensor_that_cannot_be_compressed()
    {
        var cut = new CutPoint(3, [Tensor([1, 8, 4, 4], 0), Tensor([1, 16, 1], 0) with { Name = "u" }]);
        Assert.Contains("'u' (1x16x1)", FeatureAxes.Obstacle(cut));
        Assert.Null(FeatureAxes.Obstacle(cut with { Tensors = [cut.Tensors[0]] }));
    }
}
