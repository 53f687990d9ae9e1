using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Optimizer.Tests;

/// <summary>Energy per inference = dynamic energy + (static power of the system's chips and the links kept up) × period.</summary>
public sealed class StaticEnergyTests
{
    [Fact]
    public void Energy_per_inference_of_a_link_bound_pipeline_falls_with_its_period_when_static_power_dominates()
    {
        var profile = ProfileCache.Get("fmnist_vgg");
        int cut = ProfileCache.EvenCuts(profile, 1)[0];
        // Boards idling at 9 W on a slow link whose PHYs draw 1 W: compressing the cut shortens the period.
        var system = Catalogs.Chain(2, macsPerSecond: 1e13, linkBandwidth: 1e7, chipStaticWatts: 9, linkStaticWatts: 1);
        var cost = new CostModel(profile);
        var estimates = new[] { 1.0, 1.5, 2 }.Select(factor =>
            PipelineSimulator.Estimate(cost, system, PipelineLayout.Sequential([cut], [new CutCompression(factor)]))).ToList();

        Assert.All(estimates, e => Assert.StartsWith("link ", e.Bottleneck));
        Assert.All(estimates, e => Assert.True(e.StaticEnergyJoules > 0.9 * e.EnergyJoulesPerInference, "static energy dominates"));
        for (int i = 1; i < estimates.Count; i++)
        {
            Assert.True(estimates[i].PeriodSeconds < estimates[i - 1].PeriodSeconds);
            Assert.True(estimates[i].EnergyJoulesPerInference < estimates[i - 1].EnergyJoulesPerInference);
        }
        // Two chips at 9 W, the cut's link and two host links at 1 W: 21 W over the period.
        Assert.Equal(21 * estimates[0].PeriodSeconds, estimates[0].StaticEnergyJoules, 12);
        // Energy falls about as fast as the period: what is left is the (fixed) dynamic part.
        double energyRatio = estimates[0].EnergyJoulesPerInference / estimates[2].EnergyJoulesPerInference;
        double periodRatio = estimates[0].PeriodSeconds / estimates[2].PeriodSeconds;
        Assert.InRange(energyRatio, 0.9 * periodRatio, periodRatio);
    }

    [Fact]
    public void A_link_shared_by_the_pipeline_is_charged_its_static_power_once()
    {
        var profile = ProfileCache.Get("fmnist_resnet");
        // One chip: the host link in and out is one port, kept up once.
        var single = Catalogs.Chain(1, linkStaticWatts: 2);
        Assert.Equal(2, PipelineSimulator.LinkStaticPowerWatts(single, PipelineLayout.Sequential([])), 12);
        // Three chips in a chain: host at chip 0 and at chip 2, and the two links between them.
        var chain = Catalogs.Chain(3, linkStaticWatts: 2);
        Assert.Equal(8, PipelineSimulator.LinkStaticPowerWatts(chain, PipelineLayout.Sequential(ProfileCache.EvenCuts(profile, 2))), 12);
        // Stages on chips 0 and 2: the route 0 → 2 crosses both links.
        Assert.Equal(8, PipelineSimulator.LinkStaticPowerWatts(chain, new PipelineLayout(ProfileCache.EvenCuts(profile, 1), [0, 2], [CutCompression.None])), 12);
    }

    [Fact]
    public void A_board_the_plan_leaves_idle_still_draws_its_static_power()
    {
        var profile = ProfileCache.Get("fmnist_vgg");
        var system = Catalogs.Chain(3, chipStaticWatts: 9, linkStaticWatts: 0);
        var estimate = PipelineSimulator.Estimate(new CostModel(profile), system, PipelineLayout.Sequential(ProfileCache.EvenCuts(profile, 1)));

        Assert.Equal(system.Chips.Select(c => c.Id), estimate.Chips.Select(c => c.ChipId));
        Assert.Equal(0, estimate.Chips[2].Utilization);
        Assert.True(estimate.Chips[0].Utilization > 0 && estimate.Chips[1].Utilization > 0);
        Assert.Equal(3 * 9 * estimate.PeriodSeconds, estimate.StaticEnergyJoules, 12);
    }

    [Fact]
    public void Built_in_boards_idle_power_is_charged_once_and_the_dpu_per_mac_figure_excludes_it()
    {
        var profile = ProfileCache.Get("fmnist_vgg");
        var system = HardwareCatalog.BuiltIn.System("fpga4-1gbe");
        var estimate = PipelineSimulator.Estimate(new CostModel(profile), system, PipelineLayout.Sequential(ProfileCache.EvenCuts(profile, 3)));
        double boards = 4 * 9.15 * estimate.PeriodSeconds;
        Assert.Equal(boards, estimate.Chips.Sum(c => c.StaticEnergyJoules), 12);
        // The MACs cost what the board draws above idle, not its whole power again.
        Assert.True(estimate.Stages.Sum(s => s.DynamicEnergyJoules) < profile.Totals.Macs * 2e-12 + 1e-9);
    }
}
