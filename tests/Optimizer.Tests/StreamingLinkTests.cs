using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Optimizer.Tests;

/// <summary>A link in a streaming pipeline: held for bytes / bandwidth + per-message overhead; its hop latency is time in flight.</summary>
public sealed class StreamingLinkTests
{
    [Fact]
    public void The_period_of_a_stream_does_not_include_hop_latency_but_its_end_to_end_latency_does()
    {
        var profile = ProfileCache.Get("fmnist_resnet");
        int cut = ProfileCache.EvenCuts(profile, 1)[0];
        var layout = PipelineLayout.Sequential([cut]);
        // A slow link with a long hop latency (1 ms) and a per-message overhead of 3 µs: link-bound either way.
        var near = PipelineSimulator.Estimate(new CostModel(profile), Catalogs.Chain(2, macsPerSecond: 1e14, linkBandwidth: 1e7, linkLatency: 0, messageOverhead: 3e-6), layout);
        var far = PipelineSimulator.Estimate(new CostModel(profile), Catalogs.Chain(2, macsPerSecond: 1e14, linkBandwidth: 1e7, linkLatency: 1e-3, messageOverhead: 3e-6), layout);

        var cutLink = far.Links[1];
        Assert.Equal(cutLink.Bytes / 1e7 + 3e-6, cutLink.TimeSeconds, 12);
        Assert.Equal(near.PeriodSeconds, far.PeriodSeconds, 15);
        Assert.Equal(cutLink.TimeSeconds, far.PeriodSeconds, 12);
        // Three links (host in, the cut, host out), each 1 ms in flight.
        Assert.Equal(near.LatencySeconds + 3e-3, far.LatencySeconds, 9);
    }

    [Fact]
    public void The_event_simulation_of_a_stream_runs_at_the_analytic_period()
    {
        var profile = ProfileCache.Get("fmnist_vit");
        var estimate = PipelineSimulator.Estimate(new CostModel(profile), Catalogs.Chain(3, linkBandwidth: 1e7, linkLatency: 1e-3),
            PipelineLayout.Sequential(ProfileCache.EvenCuts(profile, 2)));
        var run = DiscreteEventSimulator.Run(PipelineSimulator.Resources(estimate), inputs: 200);
        Assert.Equal(estimate.ThroughputPerSecond, run.ThroughputPerSecond, estimate.ThroughputPerSecond * 1e-6);
    }
}
