using QuiltNet.Testing.Fuzz;
using QuiltNet.Tests;

namespace QuiltNet.Fuzz.Tests;

/// <summary>
/// A seeded slice of the fuzz campaign (bench/results/robustness.md has the full one): 500 mutated models, catalogs,
/// plans, manifests, data and image folders through the commands, each ending with exit 0 or one error line naming the input.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FuzzSliceTests : IDisposable
{
    public const int Seed = 20261206, Inputs = 500;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Five_hundred_fuzzed_inputs_end_in_exit_0_or_a_one_line_error_naming_the_input()
    {
        var campaign = new FuzzCampaign(FuzzCorpus.Create(_temp.Path), Seed, TimeSpan.FromSeconds(30));
        var summary = new FuzzSummary();
        for (int i = 0; i < Inputs; i++) summary.Add(campaign.Run(i));
        Assert.True(summary.Failures.Count == 0, $"{summary.Failures.Count} of {Inputs} inputs failed:\n{summary.FailureList()}\n{summary.Table()}");
    }
}
