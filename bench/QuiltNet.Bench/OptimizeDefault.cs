using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Bench;

/// <summary>
/// `quiltnet optimize` with no arguments, as a new user runs it: its own process, an empty autoencoder cache, timed from
/// start to exit. Optionally an older build (its quiltnet.dll) run the same way, and again with arguments that reproduce
/// the new default's model, system and settings there, for before/after times. Each run's journal gives every trial's time.
/// </summary>
internal static class OptimizeDefault
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="cli">The quiltnet.dll to time.</param>
    /// <param name="before">An older build's quiltnet.dll, run with no arguments and then with <paramref name="beforeArguments"/> (null: no before run).</param>
    public static int Run(string cli, string? output, string? before, string[] beforeArguments)
    {
        var rows = new List<string>
        {
            Markdown.Row("build", "arguments", "wall time", "trials", "first trial", "mean trial", "throughput ×", "energy ×", "accuracy Δ", "plan"),
            Markdown.Row("---", "---", "---:", "---:", "---:", "---:", "---:", "---:", "---:", "---"),
        };
        if (before is not null)
        {
            rows.Add(Time("before", before, []));
            if (beforeArguments.Length > 0) rows.Add(Time("before", before, beforeArguments));
        }
        rows.Add(Time("this commit", cli, []));
        Markdown.Write(output, "`quiltnet optimize` with no arguments",
            $"dotnet run -c Release --project bench/QuiltNet.Bench -- optimize-default CLI.dll [OUT.md [BEFORE.dll ARGS...]]",
            [
                "Each run in a process of its own with an empty cache (a fresh `QUILTNET_CACHE`), timed from start to exit;",
                "trial times from its `trials.jsonl`. Throughput and energy are the simulator's predictions on the system, against",
                "the plan's own no-autoencoder baseline (same model, same hardware, best partition without compression);",
                "accuracy is measured on the evaluation images.",
                "",
                .. rows,
            ]);
        return 0;
    }

    private static string Time(string build, string cli, string[] arguments)
    {
        string folder = Path.Combine(Path.GetTempPath(), "quiltnet-optimize-default", Guid.NewGuid().ToString("N"));
        string output = Path.Combine(folder, "out");
        var start = new ProcessStartInfo("dotnet", [cli, "optimize", "--out", output, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["QUILTNET_CACHE"] = Path.Combine(folder, "cache") },
        };
        var clock = Stopwatch.StartNew();
        using (var process = Process.Start(start)!)
        {
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{cli} exited {process.ExitCode}: {errors.Result}");
        }
        double seconds = clock.Elapsed.TotalSeconds;
        var trials = File.ReadAllLines(Path.Combine(output, "trials.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("durationMs").GetDouble() / 1000).ToList();
        var plan = PlanFile.Read(output);
        string cuts = string.Join(", ", plan.Cuts.Select(c => c.Option is { } o ? $"cut {c.Position}: 1/{o.Ratio}, {o.Bits}-bit" : $"cut {c.Position}: none"));
        Directory.Delete(folder, recursive: true);
        return Markdown.Row(build, arguments.Length == 0 ? "(none)" : $"`{string.Join(' ', arguments)}`", F(seconds, "0.0") + " s", trials.Count,
            F(trials[0], "0.0") + " s", F(trials.Average(), "0.0") + " s", F(plan.Improvement.Throughput, "0.00") + "×", F(plan.Improvement.Energy, "0.00") + "×",
            F(plan.Improvement.AccuracyDeltaPp!.Value, "+0.00;−0.00;0.00") + " pp", $"{plan.Model.File.Split('/')[^1]} on {plan.HardwareSystem}; {cuts}");
    }

    private static string F(double value, string format) => value.ToString(format, Invariant);
}
