using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Onnx;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

/// <summary>
/// <c>quiltnet optimize</c> as its own process, killed with SIGKILL at twenty seeded moments (loading, fitting, measuring,
/// writing): after every kill no plan, stage, journal line or cache entry is left half-written under its final name, and
/// resuming from what is left ends with the plan of a run that was never interrupted.
/// </summary>
[Trait("Category", "Slow")]
public sealed class KillResumeTests : IDisposable
{
    private const int Kills = 20, Seed = 20261206;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The built command line tool beside these tests (same configuration).</summary>
    private static string Tool => Path.Combine(Repository.Root, "Cli", "bin",
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug",
        "net10.0", "quiltnet.dll");

    private static Process Start(string output, string cache, bool resume)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[]
                 {
                     Tool, "optimize", "--model", Repository.Model("fmnist_mobilenet"), "--hw", Path.Combine(Repository.Root, "examples", "hw", "dpu-pair-10gbe.json"),
                     "--data", Repository.Data, "--trials", "2", "--calibration", "32", "--evaluation", "64", "--epochs", "1", "--tuner", "random",
                     "--cache", cache, "--out", output,
                 })
            start.ArgumentList.Add(argument);
        if (resume) start.ArgumentList.Add("--resume");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void RunToEnd(string output, string cache, bool resume)
    {
        using var process = Start(output, cache, resume);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "optimize did not end within 5 minutes");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public void Killed_at_twenty_moments_it_leaves_nothing_half_written_and_resuming_reaches_the_uninterrupted_plan()
    {
        var watch = Stopwatch.StartNew();
        RunToEnd(_temp.File("uninterrupted"), _temp.File("cache-uninterrupted"), resume: false);
        double seconds = watch.Elapsed.TotalSeconds;

        string output = _temp.File("killed"), cache = _temp.File("cache-killed");
        var random = new Random(Seed);
        int midRun = 0;
        for (int kill = 0; kill < Kills; kill++)
        {
            using var process = Start(output, cache, resume: File.Exists(Path.Combine(output, "trials.jsonl")));
            if (!process.WaitForExit(TimeSpan.FromSeconds(0.2 + random.NextDouble() * seconds / 2)))
            {
                process.Kill(entireProcessTree: true); // SIGKILL: no handler, no finally block runs
                process.WaitForExit();
                midRun++;
            }
            AssertNothingHalfWritten(output, cache, $"after kill {kill}");
        }
        RunToEnd(output, cache, resume: true);

        Assert.True(midRun >= Kills / 2, $"only {midRun} of {Kills} kills landed before the run ended");
        Assert.Equal(Comparable(_temp.File("uninterrupted")), Comparable(output));
    }

    /// <summary>plan.json as written: its cuts, chips, options, stage hashes and figures (no times or dates are in it).</summary>
    private static string Comparable(string folder) => File.ReadAllText(Path.Combine(folder, PlanFile.Name));

    private static void AssertNothingHalfWritten(string output, string cache, string when)
    {
        var files = Directory.Exists(output)
            ? Directory.GetFiles(output, "*", SearchOption.AllDirectories).Where(f => !IsTemporary(output, f)).ToList()
            : [];
        if (files.Any(f => Path.GetFileName(f) == PlanFile.Name))
        {
            var exception = Record.Exception(() => PlanFile.Read(output)); // its schema, and every stage file's SHA-256
            Assert.True(exception is null, $"{when}: plan.json does not read: {exception?.Message}");
        }
        foreach (string file in files)
        {
            switch (Path.GetExtension(file))
            {
                case ".onnx":
                    var exception = Record.Exception(() => ModelProto.Parser.ParseFrom(File.ReadAllBytes(file)));
                    Assert.True(exception is null && new FileInfo(file).Length > 0, $"{when}: {file} is not a whole model");
                    break;
                case ".json":
                    Assert.True(ParsesAsJson(File.ReadAllText(file)), $"{when}: {file} is not whole JSON");
                    break;
                case ".html":
                    Assert.True(File.ReadAllText(file).TrimEnd().EndsWith("</html>", StringComparison.OrdinalIgnoreCase), $"{when}: {file} is cut off");
                    break;
                case ".jsonl":
                    // Only the last line may be cut off (the journal drops it on resume); every whole line is a record.
                    string text = File.ReadAllText(file);
                    foreach (string line in text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries))
                        Assert.True(ParsesAsJson(line), $"{when}: {file} has a broken line: {line}");
                    break;
            }
        }
        if (!Directory.Exists(cache)) return;
        foreach (string entry in Directory.GetFiles(cache).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)))
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(entry));
            string value = json.RootElement.GetProperty("value").GetRawText();
            Assert.True(json.RootElement.GetProperty("sha256").GetString() == Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value))),
                $"{when}: cache entry {entry} does not match its checksum");
        }
    }

    /// <summary>Files and folders still under a temporary name: an interrupted atomic write, never read as output.</summary>
    private static bool IsTemporary(string root, string file) =>
        Path.GetRelativePath(root, file).Split(Path.DirectorySeparatorChar).Any(part => part.EndsWith(".tmp", StringComparison.Ordinal));

    private static bool ParsesAsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
