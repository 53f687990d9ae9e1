using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

/// <summary>Each metric takes its own constraint; a wrong pairing or a value out of range is a one-line error naming the flag.</summary>
public sealed class MetricOptionsTests
{
    private static CliRun Compress(params string[] extra) =>
        CliRun.Of(["compress", Repository.Model("fmnist_vgg"), "--cuts", "9", "--ratios", "4", "--bits", "32", "--calibration", "50", "--evaluation", "50", "--no-cache", .. extra]);

    [Theory]
    [InlineData("--metric", "accuracy", "--min-agreement", "0.9", "--min-agreement")]
    [InlineData("--metric", "agreement", "--min-agreement", "1.5", "--min-agreement")]
    [InlineData("--metric", "relative-error", "--max-accuracy-loss", "1", "--max-accuracy-loss")]
    [InlineData("--metric", "top5", "--max-relative-error", "0.1", "--metric")]
    public void A_constraint_of_another_metric_or_out_of_range_is_refused_naming_the_flag(string flag, string metric, string constraint, string value, string named)
    {
        Compress(flag, metric, constraint, value).AssertInputError(named);
    }
}
