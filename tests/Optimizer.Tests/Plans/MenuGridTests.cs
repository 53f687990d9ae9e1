using QuiltNet.Graph;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Optimizer.Tests.Plans;

public sealed class MenuGridTests
{
    private static CutPoint Cut(params long[][] shapes) =>
        new(7, shapes.Select((shape, i) => new TensorInfo($"t{i}", ElementType.Float, shape)).ToList());

    [Fact]
    public void Stride_two_applies_only_where_every_tensor_has_even_height_and_width()
    {
        var menu = new MenuGrid { Stride = 2 };
        Assert.Equal(2, menu.StrideAt(Cut([1, 64, 14, 14])));
        Assert.Equal(2, menu.At(Cut([1, 64, 14, 14], [1, 32, 8, 8])).Stride);
        // ResNet's and VGG's last stages are 7 × 7; a ViT's tokens have no height at all.
        Assert.Equal(1, menu.StrideAt(Cut([1, 64, 7, 7])));
        Assert.Equal(1, menu.StrideAt(Cut([1, 64, 14, 14], [1, 64, 7, 7])));
        Assert.Equal(1, menu.StrideAt(Cut([1, 17, 64])));
        Assert.Equal(1, new MenuGrid().StrideAt(Cut([1, 64, 14, 14])));
    }

    [Fact]
    public void A_cuts_grid_is_every_ratio_and_bits_at_that_cut()
    {
        var grid = new MenuGrid { Ratios = [2, 4], Bits = [8], Stride = 2 }.At(Cut([1, 64, 14, 14]));
        Assert.Equal([7], grid.Cuts);
        Assert.Equal([2, 4], grid.Ratios);
        Assert.Equal([8], grid.Bits);
    }
}
