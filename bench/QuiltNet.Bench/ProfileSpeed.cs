using System.Diagnostics;
using System.Globalization;
using QuiltNet.Graph;

namespace QuiltNet.Bench;

/// <summary>
/// Time to profile a model and to extract every stage of a split, against the baseline of simply
/// opening the model in ONNX Runtime and running it once, measured in the same process.
/// </summary>
internal static class ProfileSpeed
{
    private const int Repeats = 3;

    public static int Run(string model, string? output)
    {
        Measure(model); // warm-up: JIT and native library loading are not what is measured
        var runs = Enumerable.Range(0, Repeats).Select(_ => Measure(model)).ToList();
        var best = new Timings(
            runs.Min(r => r.Baseline), runs.Min(r => r.Load), runs.Min(r => r.Shapes), runs.Min(r => r.Profile),
            runs.Min(r => r.SplitAll), runs.Min(r => r.SplitFour), runs[0].Cuts, runs[0].Nodes, runs[0].Megabytes);

        string Seconds(double s) => s.ToString("0.000", CultureInfo.InvariantCulture);
        string Ratio(double s) => (s / best.Baseline).ToString("0.00", CultureInfo.InvariantCulture) + "×";
        double profileTotal = best.Load + best.Shapes + best.Profile;
        Markdown.Write(output, "Profile and stage-extraction speed",
            $"dotnet run -c Release --project bench/QuiltNet.Bench -- profile-speed {Path.GetFileName(model)}",
            [
                $"Model: `{Path.GetFileName(model)}`, {best.Megabytes:0.0} MB, {best.Nodes} computing nodes, {best.Cuts} candidate cuts. Best of {Repeats} runs after a warm-up.",
                "",
                Markdown.Row("step", "seconds", "× baseline"),
                Markdown.Row("---", "---:", "---:"),
                Markdown.Row("baseline: ONNX Runtime open + one inference", Seconds(best.Baseline), "1.00×"),
                Markdown.Row("load (parse protobuf, order nodes)", Seconds(best.Load), Ratio(best.Load)),
                Markdown.Row("shapes (one exposed ONNX Runtime run + dynamic-dim run)", Seconds(best.Shapes), Ratio(best.Shapes)),
                Markdown.Row("costs, frontiers, candidate cuts", Seconds(best.Profile), Ratio(best.Profile)),
                Markdown.Row("**profile total** (target < 10 s)", Seconds(profileTotal), Ratio(profileTotal)),
                Markdown.Row($"extract and write every stage, cut at all {best.Cuts} candidates (target < 5 s)", Seconds(best.SplitAll), Ratio(best.SplitAll)),
                Markdown.Row("extract and write 4 stages", Seconds(best.SplitFour), Ratio(best.SplitFour)),
            ]);
        return profileTotal < 10 && best.SplitAll < 5 ? 0 : 2;
    }

    private sealed record Timings(double Baseline, double Load, double Shapes, double Profile, double SplitAll, double SplitFour, int Cuts, int Nodes, double Megabytes);

    private static Timings Measure(string model)
    {
        var random = new Random(1);
        var feeds = TensorShapeInference.Infer(OnnxGraph.Load(model)).Inputs
            .ToDictionary(i => i.Name, i => HostTensor.Sample(i.ElementType, i.Shape.ToArray(), random));
        var clock = Stopwatch.StartNew();
        using (var runner = new OnnxRunner(OrtSessions.Open(model)))
            runner.Run(feeds);
        double baseline = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var graph = OnnxGraph.Load(model);
        double load = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var shapes = TensorShapeInference.Infer(graph);
        double shapeTime = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var profile = ModelProfiler.Profile(graph, shapes);
        double profileTime = clock.Elapsed.TotalSeconds;

        string folder = Directory.CreateTempSubdirectory("quiltnet-bench-").FullName;
        try
        {
            clock.Restart();
            ModelSplitter.Split(graph, shapes, profile.Cuts.Select(c => c.Position).ToList(), Path.Combine(folder, "all"));
            double splitAll = clock.Elapsed.TotalSeconds;
            var four = new[] { 1, 2, 3 }.Select(i => profile.Cuts[i * profile.Cuts.Count / 4].Position).ToList();
            clock.Restart();
            ModelSplitter.Split(graph, shapes, four, Path.Combine(folder, "four"));
            double splitFour = clock.Elapsed.TotalSeconds;
            return new Timings(baseline, load, shapeTime, profileTime, splitAll, splitFour, profile.Cuts.Count, graph.Nodes.Count, new FileInfo(model).Length / 1e6);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
