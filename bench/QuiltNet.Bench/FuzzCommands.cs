using System.Diagnostics;
using System.Globalization;
using QuiltNet.Testing.Fuzz;

namespace QuiltNet.Bench;

/// <summary>
/// The fuzz campaign at full size: COUNT seeded mutations of real inputs (models, catalogs, plans, manifests, data, image folders)
/// through the commands, in process, each under a time limit, counted by kind, command and outcome. Run it with
/// DOTNET_GCHeapHardLimit set so an allocation no input justifies fails instead of swapping the machine.
/// </summary>
internal static class FuzzCommands
{
    /// <param name="rest">[OUT.md] [--from N]: where to write the result, and the first input's index (to rerun a slice).</param>
    public static int Run(string seedText, string countText, string[] rest)
    {
        int seed = int.Parse(seedText, CultureInfo.InvariantCulture), count = int.Parse(countText, CultureInfo.InvariantCulture);
        int at = Array.IndexOf(rest, "--from");
        int from = at >= 0 ? int.Parse(rest[at + 1], CultureInfo.InvariantCulture) : 0;
        string? output = rest.Where((_, i) => at < 0 || (i != at && i != at + 1)).FirstOrDefault();
        string work = Path.Combine(Path.GetTempPath(), $"quiltnet-fuzz-{seed}-{from}");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
        var watch = Stopwatch.StartNew();
        var corpus = FuzzCorpus.Create(work);
        var campaign = new FuzzCampaign(corpus, seed, TimeSpan.FromSeconds(60));
        var summary = new FuzzSummary();
        // Every input's outcome and first error line, for reading what the commands said (left in the work folder).
        using var log = new StreamWriter(Path.Combine(work, "outcomes.tsv"));
        for (int i = from; i < from + count; i++)
        {
            var result = campaign.Run(i);
            summary.Add(result);
            log.WriteLine(string.Join('\t', i, result.Case.Kind, result.Case.Command, result.Outcome, result.Result.ExitCode,
                result.Result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), result.Case.Mutation,
                result.Result.Error.Split('\n', 2)[0].Trim()));
            if (result.Outcome is not (Outcome.Ok or Outcome.CleanError))
                Console.Error.WriteLine($"FAIL {i} {result.Case.Kind} {result.Case.Command} {result.Outcome}: {result.Case.Mutation} | {result.Case.CommandLine} | {result.Result.Error.Split('\n', 2)[0]}");
            if ((i - from + 1) % 100 == 0)
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i - from + 1} inputs, {summary.Failures.Count} failures, {watch.Elapsed.TotalMinutes:0.0} min"));
        }
        long limit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Markdown.Write(output, "Fuzzing the commands", $"quiltnet-bench fuzz {seed} {count}{(from == 0 ? "" : $" --from {from}")}",
        [
            string.Create(CultureInfo.InvariantCulture, $"Seed {seed}, inputs {from}..{from + count - 1}, {watch.Elapsed.TotalMinutes:0.0} min, slowest input {summary.Slowest.TotalSeconds:0.0} s; managed heap limit {limit / (1 << 20)} MiB."),
            "",
            summary.Table(),
            summary.Failures.Count == 0 ? "No failures." : "Failures:\n\n" + summary.FailureList(),
        ]);
        return summary.Failures.Count == 0 ? 0 : 1;
    }
}
