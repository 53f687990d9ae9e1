using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Simulation;
using QuiltNet.Tests;

namespace QuiltNet.Optimizer.Tests;

public sealed class SimulatorTests
{
    public static IEnumerable<object[]> ModelsAndSystems() =>
        from model in Repository.ExampleModels
        from system in HardwareCatalog.BuiltIn.Systems
        select new object[] { model, system.Name };

    [Theory]
    [MemberData(nameof(ModelsAndSystems))]
    public void Event_simulation_agrees_with_the_analytic_throughput_within_one_percent(string model, string system)
    {
        var hw = HardwareCatalog.BuiltIn.System(system);
        var profile = ProfileCache.Get(model);
        var layout = PipelineLayout.Sequential(ProfileCache.EvenCuts(profile, Math.Min(hw.Chips.Count, 4) - 1));
        var estimate = PipelineSimulator.Estimate(new CostModel(profile), hw, layout);
        var events = DiscreteEventSimulator.Run(PipelineSimulator.Resources(estimate), inputs: 500, keepTimeline: false);
        Assert.InRange(events.ThroughputPerSecond / estimate.ThroughputPerSecond, 0.99, 1.01);
        Assert.InRange(events.FirstLatencySeconds / estimate.LatencySeconds, 0.999, 1.001);
    }

    [Fact]
    public void Timeline_holds_every_input_on_every_resource_without_overlap()
    {
        var resources = new[]
        {
            new PipelineResource("a", ResourceKind.Compute, 3), new PipelineResource("l", ResourceKind.Transfer, 1),
            new PipelineResource("b", ResourceKind.Compute, 5), new PipelineResource("m", ResourceKind.Transfer, 0.5),
            new PipelineResource("c", ResourceKind.Compute, 2),
        };
        var result = DiscreteEventSimulator.Run(resources, inputs: 50, bufferSlots: 1);
        Assert.Equal(5 * 50, result.Timeline.Count);
        foreach (var byResource in result.Timeline.GroupBy(t => t.Resource))
        {
            var ordered = byResource.OrderBy(t => t.StartSeconds).ToList();
            for (int i = 1; i < ordered.Count; i++) Assert.True(ordered[i].StartSeconds >= ordered[i - 1].EndSeconds - 1e-12);
            Assert.All(ordered, t => Assert.Equal(resources[t.Resource].ServiceSeconds, t.EndSeconds - t.StartSeconds, 9));
        }
        // Each input visits the resources in order.
        foreach (var byItem in result.Timeline.GroupBy(t => t.Item))
        {
            var ordered = byItem.OrderBy(t => t.Resource).ToList();
            for (int k = 1; k < ordered.Count; k++) Assert.True(ordered[k].StartSeconds >= ordered[k - 1].EndSeconds - 1e-12);
        }
        Assert.Equal(1 / 5.0, result.ThroughputPerSecond, 6);
    }

    [Fact]
    public void Blocking_with_no_buffer_slows_an_unbalanced_line_only_as_far_as_its_bottleneck()
    {
        var resources = new[] { new PipelineResource("a", ResourceKind.Compute, 1), new PipelineResource("b", ResourceKind.Compute, 4), new PipelineResource("c", ResourceKind.Compute, 1) };
        foreach (int slots in new[] { 0, 1, 4 })
            Assert.Equal(0.25, DiscreteEventSimulator.Run(resources, 200, slots).ThroughputPerSecond, 6);
    }

    [Fact]
    public void Sixteen_stage_stream_of_ten_thousand_inputs_runs()
    {
        var resources = Enumerable.Range(0, 31).Select(i => new PipelineResource($"r{i}", i % 2 == 0 ? ResourceKind.Compute : ResourceKind.Transfer, 1 + i % 5)).ToList();
        var result = DiscreteEventSimulator.Run(resources, 10_000, keepTimeline: false);
        Assert.Equal(1 / 5.0, result.ThroughputPerSecond, 6);
    }
}
