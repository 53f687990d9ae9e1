using System.Diagnostics;
using System.Text.RegularExpressions;
using QuiltNet.Data.Metrics;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Reports;
using QuiltNet.Optimizer.Simulation;
using QuiltNet.Tests;
using Xunit.Abstractions;

namespace QuiltNet.Optimizer.Tests.Reports;

public sealed class HtmlReportTests(ITestOutputHelper output) : IDisposable
{
    private const string Hostile = "<script>alert(1)</script>";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static SearchReport Report()
    {
        var stages = new[]
        {
            new PlanStage(0, "chip0", "fpga", 0, 15, "stage0.onnx", new string('b', 64), 1000, 2000, 1e-3),
            new PlanStage(1, "chip1", "fpga", 15, 40, "stage1.onnx", new string('c', 64), 3000, 4000, 2e-3),
        };
        var baseline = new PlanBaseline(stages, [new PlanCut(15, ["t"], null, 25088, 25088)], 100, 0.02, 0.5, 0.9158, "link chip0 → chip1");
        var plan = new DeploymentPlan(DeploymentPlan.CurrentSchemaVersion, new PlanModel("m.onnx", new string('a', 64)), "fpga4-pcie3", "throughput", 1, true,
            stages, [new PlanCut(15, ["t"], new PlanOption(4, 1, 8, "distill", 0.08), 25088, 1568)], 150, 0.015, 0.4, 0.915, "stage 1 on chip1",
            baseline, PlanImprovement.Of(150, 0.4, 0.915, baseline));
        var trials = Enumerable.Range(0, 6).Select(i => new ReportTrial(i,
                new Dictionary<string, string> { ["bits"] = (4 + i).ToString(), ["kind"] = i == 2 ? Hostile : "linear" },
                1.0 / (1 + i), 100 + 10 * i, 0.5 - 0.02 * i, 0.91 + 0.001 * i, "ok", 1.5))
            .Append(new ReportTrial(6, new Dictionary<string, string> { ["bits"] = "2" }, double.PositiveInfinity, double.NaN, double.NaN, double.NaN, "failed: infeasible", 0.2))
            .ToList();
        var layers = Enumerable.Range(0, 40).Select(i => new ReportLayer(i, i == 7 ? Hostile : $"layer{i}", i % 3 == 0 ? "Conv" : "Relu", 25088 / (1 + i / 10))).ToList();
        PipelineResource[] Resources(double link) =>
        [
            new("link host → chip0", ResourceKind.Transfer, 1e-4), new("stage 0 on chip0", ResourceKind.Compute, 1e-3),
            new("link chip0 → chip1", ResourceKind.Transfer, link), new("stage 1 on chip1", ResourceKind.Compute, 2e-3),
            new("link chip1 → host", ResourceKind.Transfer, 1e-5),
        ];
        return new SearchReport($"Search {Hostile}", plan, trials, [3, 5], layers, Resources(0.3e-3), Resources(4e-3),
            Timeline(["stage 0", "link chip0 → chip1", "stage 1"], 1e-3, 0.3e-3, 2e-3),
            Timeline(["stage 0", "link chip0 → chip1", "stage 1"], 1e-3, 4e-3, 2e-3),
            [new ChipMemory("chip0", 30e6, 64e6), new ChipMemory("chip<1>", 50e6, 64e6)],
            [new ChipMemory("chip0", 28e6, 64e6), new ChipMemory("chip<1>", 48e6, 64e6)],
            [
                new CompressionRow(15, 4, 1, 8, "linear", 25088, 6272, 0.1, Scores(0.91), 0.5, "accuracy", 0.5, 1),
                new CompressionRow(15, 16, 1, 8, "linear", 25088, 1568, 0.2, Scores(0.9), 1.5, "accuracy", 1.5, 1),
                new CompressionRow(15, 4, 1, 4, "linear", 25088, 3136, 0.15, Scores(0.905), 1.0, "accuracy", 1.0, 1),
                new CompressionRow(30, 4, 2, 8, "refined", 8192, 512, 0.1, Scores(0.912), 0.3, "accuracy", 0.3, 2),
            ]);
    }

    private static FidelityScores Scores(double accuracy) => new(2000, accuracy, 0.99, [new OutputFidelity("logits", 0.05, 0.998)]);

    /// <summary>A pipeline whose resources each take the given time per input, every input entering as soon as the first resource is free.</summary>
    private static ReportTimeline Timeline(string[] resources, params double[] seconds)
    {
        var free = new double[resources.Length];
        var intervals = new List<TimelineInterval>();
        for (var item = 0; item < 30; item++)
        {
            var ready = 0.0;
            for (var r = 0; r < resources.Length; r++)
            {
                var start = Math.Max(ready, free[r]);
                ready = free[r] = start + seconds[r];
                intervals.Add(new TimelineInterval(r, item, start, ready));
            }
        }
        return new ReportTimeline(resources, intervals);
    }

    private string WriteReport()
    {
        var path = _temp.File("report.html");
        using (var stream = File.Create(path)) HtmlReportWriter.Write(Report(), stream);
        return path;
    }

    [Fact]
    public void The_report_references_nothing_outside_itself_and_escapes_every_text()
    {
        var html = File.ReadAllText(WriteReport());
        // plotly.js's own source names URLs in strings and comments; what would load them are these.
        foreach (var loader in new[] { "<script src", "<link", "@import", "url(http", "url(//" })
            Assert.DoesNotContain(loader, html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("plotly.js v", html);
        Assert.DoesNotContain(Hostile, html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Equal(11, Regex.Count(html, "<div class=\"chart\">"));
        string text = System.Net.WebUtility.HtmlDecode(html);
        Assert.Contains("against the baseline's 100 inferences/s (1.50×)", text);
        Assert.Contains("the bottleneck moves from link chip0 → chip1 to stage 1 on chip1", text);
        Assert.DoesNotContain("E+0", html[..html.IndexOf("<script", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Headless_chromium_renders_every_chart_offline_without_errors()
    {
        var chromium = new[] { "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
        // CI installs chromium (.ci/run); a machine without it fails here rather than passing without looking.
        Assert.True(chromium is not null, "no chromium on PATH: install it (apt-get install -y chromium) to check the report in a browser");
        var path = WriteReport();
        var start = new ProcessStartInfo(chromium!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                $"--user-data-dir={_temp.File("profile")}", "--virtual-time-budget=5000",
                "--enable-logging=stderr", "--v=0", "--dump-dom", new Uri(path).AbsoluteUri,
            },
        };
        using var browser = Process.Start(start)!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var kill = limit.Token.Register(() => browser.Kill(entireProcessTree: true));
        var readErrors = browser.StandardError.ReadToEndAsync(limit.Token);
        var dom = await browser.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = await readErrors;
        await browser.WaitForExitAsync(limit.Token);
        output.WriteLine(stderr);

        var body = Regex.Match(dom, "<body[^>]*>");
        Assert.True(body.Success, "no <body> in chromium's DOM dump");
        // The attributes are set once the page has loaded: their absence means it never did.
        Assert.Contains("data-errors=\"[]\"", body.Value);
        Assert.Contains("data-requests=\"[]\"", body.Value);
        Assert.DoesNotContain(":CONSOLE(", stderr);
        // Every chart drew its SVG and at least one trace in it (every chart here has data).
        var charts = dom.Split("<div class=\"chart\">").Skip(1).ToList();
        Assert.Equal(Regex.Count(File.ReadAllText(path), "<div class=\"chart\">"), charts.Count);
        Assert.All(charts, chart =>
        {
            Assert.Contains("class=\"main-svg\"", chart);
            Assert.Matches("class=\"trace (scatter|bars)", chart);
        });
    }
}
