using QuiltNet.Graph;
using QuiltNet.Optimizer.AutoML;

namespace QuiltNet.Optimizer.Tests.AutoML;

public sealed class TunerTests
{
    private static readonly SmacOptions QuickSmac = new() { InitialRandomTrials = 6, RefitEvery = 3, RandomCandidates = 300 };

    [Fact]
    public void The_grid_enumerates_every_combination_once_then_starts_over()
    {
        var space = new SearchSpace(new UniformFloat("x", 0, 1), new UniformInt("n", 1, 3), new Choice("kind", "a", "b"));
        var tuner = Tuners.Create("grid", space, new TunerOptions { GridSteps = 5 });
        var proposals = Enumerable.Range(0, 60).Select(i => tuner.Propose(new TrialSettings(i))).ToList();
        // 5 values of x, the 3 values of n (5 steps over a range of 3 collapse), 2 kinds.
        Assert.Equal(30, proposals.Take(30).Distinct().Count());
        Assert.Equal(proposals.Take(30), proposals.Skip(30));
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], proposals.Select(p => p.GetDouble("x")).Distinct().Order());
        Assert.Equal([1, 2, 3], proposals.Select(p => p.GetInt("n")).Distinct().Order());
        // The last parameter varies fastest.
        Assert.Equal(["a", "b"], proposals.Take(2).Select(p => p.GetString("kind")));
        Assert.Equal(0, proposals[1].GetDouble("x"));
    }

    [Fact]
    public void Grid_steps_respect_a_log_scale_and_hit_both_ends_exactly()
    {
        var space = new SearchSpace(new UniformFloat("rate", 1e-3, 10, logScale: true), new UniformInt("width", 1, 64, logScale: true));
        var tuner = Tuners.Create("grid", space, new TunerOptions { GridSteps = 3 });
        var proposals = Enumerable.Range(0, 9).Select(i => tuner.Propose(new TrialSettings(i))).ToList();
        Assert.Equal([1e-3, 0.1, 10], proposals.Select(p => p.GetDouble("rate")).Distinct().Order().Select(r => Math.Round(r, 12)));
        Assert.Equal([1, 8, 64], proposals.Select(p => p.GetInt("width")).Distinct().Order());
    }

    [Theory]
    [InlineData("random")]
    [InlineData("smac")]
    public void Seeded_tuners_propose_the_same_sequence_for_the_same_seed_and_results(string name)
    {
        List<Parameters> Run(int seed)
        {
            var tuner = Tuners.Create(name, Objectives.MixedSpace, new TunerOptions { Seed = seed, Smac = QuickSmac });
            var proposals = new List<Parameters>();
            for (int i = 0; i < 14; i++)
            {
                var settings = new TrialSettings(i);
                settings = settings with { Parameters = tuner.Propose(settings) };
                proposals.Add(settings.Parameters);
                tuner.Update(new TrialResult { Settings = settings, Loss = Objectives.ShiftedQuadratic(settings.Parameters) });
            }
            return proposals;
        }

        var first = Run(3);
        Assert.Equal(first, Run(3));
        Assert.NotEqual(first, Run(4));
        Assert.Equal(first.Count, first.Distinct().Count());
    }

    [Fact]
    public void Random_search_stays_in_bounds_and_covers_the_space()
    {
        var tuner = Tuners.Create("random", Objectives.BraninSpace, new TunerOptions { Seed = 1 });
        var xs = Enumerable.Range(0, 500).Select(i => tuner.Propose(new TrialSettings(i)).GetDouble("x1")).ToList();
        Assert.All(xs, x => Assert.InRange(x, -5, 10));
        Assert.True(xs.Min() < -4.5 && xs.Max() > 9.5);
    }

    [Fact]
    public void Smac_learns_nothing_from_failed_trials_and_keeps_proposing_untried_configurations()
    {
        var tuner = Tuners.Create("smac", Objectives.BraninSpace, new TunerOptions { Seed = 5, Smac = QuickSmac });
        var seen = new HashSet<Parameters>();
        for (int i = 0; i < 20; i++)
        {
            var settings = new TrialSettings(i);
            settings = settings with { Parameters = tuner.Propose(settings) };
            Assert.True(seen.Add(settings.Parameters), $"trial {i} repeats an earlier configuration");
            // Every third trial fails; an infinite loss in the forest's data would make every prediction infinite.
            tuner.Update(new TrialResult { Settings = settings, Loss = i % 3 == 0 ? double.PositiveInfinity : Objectives.Branin(settings.Parameters) });
        }
    }

    [Fact]
    public void Smac_falls_back_to_random_proposals_when_every_configuration_was_tried()
    {
        var space = new SearchSpace(new Choice("bits", 4, 8));
        var tuner = Tuners.Create("smac", space, new TunerOptions { Smac = QuickSmac with { InitialRandomTrials = 2 } });
        var proposed = new List<int>();
        for (int i = 0; i < 8; i++)
        {
            var settings = new TrialSettings(i);
            settings = settings with { Parameters = tuner.Propose(settings) };
            proposed.Add(settings.Parameters.GetInt("bits"));
            tuner.Update(new TrialResult { Settings = settings, Loss = settings.Parameters.GetInt("bits") });
        }
        // Past the second trial both configurations are taken, yet every trial still gets one of them.
        Assert.Equal(8, proposed.Count);
        Assert.All(proposed, bits => Assert.Contains(bits, new[] { 4, 8 }));
        Assert.Equal([4, 8], proposed.Distinct().Order());
    }

    [Fact]
    public void Tuners_are_made_by_name_and_an_unknown_name_is_refused()
    {
        Assert.All(Tuners.Names, name => Assert.NotNull(Tuners.Create(name.ToUpperInvariant(), Objectives.BraninSpace)));
        var error = Assert.Throws<QuiltNetException>(() => Tuners.Create("bayes", Objectives.BraninSpace));
        Assert.Equal("tuner: 'bayes' is not a tuner; use one of grid, random, smac", error.Message);
        Assert.Contains("at least 2", Assert.Throws<QuiltNetException>(() => Tuners.Create("grid", Objectives.BraninSpace, new TunerOptions { GridSteps = 1 })).Message);
        Assert.Equal("SMAC feature fraction", Assert.Throws<QuiltNetException>(() =>
            Tuners.Create("smac", Objectives.BraninSpace, new TunerOptions { Smac = new SmacOptions { FeatureFraction = 0 } })).Input);
    }
}
