using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Optimizer.Tests;

public sealed class CostModelTests
{
    [Fact]
    public void Compute_bound_stage_time_is_macs_over_effective_rate()
    {
        var profile = ProfileCache.Get("fmnist_vgg");
        var system = Catalogs.Chain(2, macsPerSecond: 1e10, sramBytes: 1e8);
        var stage = new CostModel(profile).Stage(0, system.Chips[0], 0, profile.Layers.Count);
        Assert.Equal(0, stage.OffChipBytesPerInference);
        Assert.Equal(profile.Totals.Macs / (1e10 * 0.5), stage.TimeSeconds, 12);
        Assert.Equal(stage.WeightBytes, stage.ResidentWeightBytes);
    }

    [Fact]
    public void Weights_that_do_not_fit_sram_stream_from_dram_every_inference()
    {
        var profile = ProfileCache.Get("fmnist_vgg");
        var system = Catalogs.Chain(2, macsPerSecond: 1e15, sramBytes: 100_000, dramBandwidth: 1e9);
        var stage = new CostModel(profile).Stage(0, system.Chips[0], 0, profile.Layers.Count);
        Assert.True(stage.ResidentWeightBytes < stage.WeightBytes);
        Assert.True(stage.OffChipBytesPerInference >= stage.WeightBytes - stage.ResidentWeightBytes);
        // With compute nearly free, the stage is as slow as streaming its bytes.
        Assert.InRange(stage.TimeSeconds, stage.OffChipBytesPerInference / 1e9 * 0.999, stage.OffChipBytesPerInference / 1e9 * 1.01);
    }

    [Fact]
    public void Cut_bytes_use_the_chip_precision_and_hold_the_link_for_size_over_bandwidth()
    {
        var profile = ProfileCache.Get("fmnist_resnet");
        var system = Catalogs.Chain(2, linkBandwidth: 1e9, linkLatency: 2e-6, activationBytes: 1);
        int cut = ProfileCache.EvenCuts(profile, 1)[0];
        var estimate = PipelineSimulator.Estimate(new CostModel(profile), system, PipelineLayout.Sequential([cut]));
        long elements = profile.Cuts.Single(c => c.Position == cut).Tensors.Sum(t => t.Elements);
        var link = estimate.Links[1];
        Assert.Equal(elements, link.Bytes); // int8 chip: one byte per element, not the model's fp32
        Assert.Equal(elements / 1e9, link.TimeSeconds, 12);
        Assert.Equal(2e-6, link.LatencySeconds, 12);
        Assert.Equal(elements * 8 * 5e-12, link.EnergyJoules, 15);
    }

    [Fact]
    public void Model_that_fits_no_chip_is_reported_with_chip_need_and_capacity()
    {
        var profile = ProfileCache.Get("fmnist_vgg");
        var system = Catalogs.Chain(2, sramBytes: 10_000, dramBytes: 0);
        var estimate = PipelineSimulator.Estimate(new CostModel(profile), system, PipelineLayout.Sequential(ProfileCache.EvenCuts(profile, 1)));
        Assert.False(estimate.Feasible);
        Assert.All(estimate.MemoryOverflows, message =>
        {
            Assert.Contains("test-chip", message);
            Assert.Contains("needs", message);
            Assert.Contains("holds 0.01 MB", message);
            Assert.Contains("over by", message);
        });
    }

    [Fact]
    public void More_stages_than_chips_is_an_input_error()
    {
        var profile = ProfileCache.Get("fmnist_vgg");
        var e = Assert.Throws<ArgumentException>(() =>
            PipelineSimulator.Estimate(new CostModel(profile), Catalogs.Chain(2), PipelineLayout.Sequential(ProfileCache.EvenCuts(profile, 3))));
        Assert.Equal("layout", e.ParamName);
        Assert.Contains("has 2 chips", e.Message);
    }

    [Theory]
    [InlineData("12=0.5x")]
    [InlineData("12=eightx")]
    [InlineData("13=8x")]
    public void Bad_compression_is_named(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => CompressionSpec.Parse(text, [12]));
        Assert.Equal("compression", e.ParamName);
    }
}
