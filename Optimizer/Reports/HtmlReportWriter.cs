using System.Globalization;
using System.Net;
using System.Text;
using Giraffe.ViewEngine;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;
using Plotly.NET;
using QuiltNet.Optimizer.Plans;
using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace QuiltNet.Optimizer.Reports;

/// <summary>
/// Renders a <see cref="SearchReport"/> as <c>report.html</c>: one self-contained page that opens offline.
/// Plotly.NET's document builder inlines the plotly.js it ships (<see cref="PlotlyJSReference.Full"/>), so the
/// page loads nothing from the network; every text taken from the report is HTML-escaped.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>
    /// Records, on &lt;body&gt;, every script error and console.error (<c>data-errors</c>) and every resource the
    /// page fetched (<c>data-requests</c>), both as JSON arrays written once the page has loaded, so a headless
    /// browser's DOM dump shows whether the page rendered cleanly and offline.
    /// </summary>
    private const string SelfCheckScript = """
        <script>
        (function () {
          var errors = [];
          window.addEventListener('error', function (e) {
            errors.push(e.message || ('failed to load ' + ((e.target && (e.target.src || e.target.href)) || 'a resource')));
          }, true);
          window.addEventListener('unhandledrejection', function (e) { errors.push('unhandled rejection: ' + e.reason); });
          var consoleError = console.error;
          console.error = function () { errors.push(Array.prototype.join.call(arguments, ' ')); return consoleError.apply(console, arguments); };
          window.addEventListener('load', function () {
            document.body.setAttribute('data-errors', JSON.stringify(errors));
            document.body.setAttribute('data-requests', JSON.stringify(performance.getEntriesByType('resource').map(function (r) { return r.name; })));
          });
        })();
        </script>
        """;

    private const string Style = """
        <style>
        body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: right; }
        th:first-child, td:first-child { text-align: left; }
        thead th { background: #eef; }
        tr.pareto td { background: #fff4e6; }
        .charts { display: flex; flex-wrap: wrap; gap: 1em; }
        </style>
        """;

    /// <summary>Writes the page for <paramref name="report"/> to <paramref name="output"/> (left open).</summary>
    public static void Write(SearchReport report, Stream output)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(Escape(report.Title)).Append("</h1>");
        Summary(body, report.Plan);
        if (report.Measured is { } measured) Measurement(body, report.Plan, measured);
        Section(body, "Where the model is cut", ReportCharts.Layers(report));
        Section(body, "Why the plan is faster: time per input of every stage and link",
            ReportCharts.StageAndLinkTimes(report.PlanResources, report.Plan.Bottleneck, $"QuiltNet plan: period {HumanUnits.Seconds(1 / report.Plan.ThroughputPerSecond)}"),
            ReportCharts.StageAndLinkTimes(report.BaselineResources, report.Plan.Baseline.Bottleneck, $"Baseline: period {HumanUnits.Seconds(1 / report.Plan.Baseline.ThroughputPerSecond)}"));
        Section(body, "Pareto front", ReportCharts.ParetoFront(report));
        Section(body, "Best so far", ReportCharts.BestSoFar(report));
        Section(body, $"Pipeline timeline (first {ReportCharts.TimelineInputs} inputs)",
            ReportCharts.Timeline(report.PlanTimeline, "QuiltNet plan"), ReportCharts.Timeline(report.BaselineTimeline, "Baseline"));
        Section(body, "Memory per chip",
            ReportCharts.Memory(report.PlanMemory, "QuiltNet plan: used against capacity"), ReportCharts.Memory(report.BaselineMemory, "Baseline: used against capacity"));
        Section(body, "Bytes per cut", ReportCharts.CutBytes(report));
        Section(body, "Accuracy against compression, per cut", ReportCharts.AccuracySweep(report.AccuracySweep));
        TrialTable(body, report);

        var head = ListModule.OfSeq(new[] { HtmlElements.rawText(Style), HtmlElements.rawText(SelfCheckScript) });
        var document = HTML.Doc([HtmlElements.rawText(body.ToString())], report.Title, "QuiltNet search report", "utf-8", HtmlElements.rawText(""),
            PlotlyJSReference.Full, FSharpOption<FSharpList<XmlNode>>.Some(head), FSharpOption<FSharpList<XmlNode>>.None);
        // The charset meta follows 3.6 MB of inlined plotly.js, past where browsers look for it: the byte order mark
        // is what makes them read the page (and its "×", "Δ") as UTF-8.
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true);
        writer.Write(RenderView.AsString.htmlDocument(document));
    }

    private static void Summary(StringBuilder html, DeploymentPlan plan)
    {
        var baseline = plan.Baseline;
        html.Append("<h2>Summary</h2><p class=\"summary\">").Append(Escape(ReportSummary.Of(plan))).Append("</p>");
        html.Append("<table><thead><tr><th></th><th>QuiltNet plan</th><th>Baseline (no compression)</th><th>Plan against baseline</th></tr></thead><tbody>");
        Row(html, "Throughput", HumanUnits.PerSecond(plan.ThroughputPerSecond, "inferences"), HumanUnits.PerSecond(baseline.ThroughputPerSecond, "inferences"),
            HumanUnits.Times(plan.Improvement.Throughput));
        Row(html, "Latency per input", HumanUnits.Seconds(plan.LatencySeconds), HumanUnits.Seconds(baseline.LatencySeconds), HumanUnits.Times(baseline.LatencySeconds / plan.LatencySeconds) + " faster");
        Row(html, "Energy per inference", HumanUnits.Energy(plan.EnergyJoulesPerInference), HumanUnits.Energy(baseline.EnergyJoulesPerInference),
            HumanUnits.Times(plan.Improvement.Energy) + " efficiency");
        var metric = MetricText.Of(plan);
        if (metric.Name != "accuracy")
            Row(html, $"{MetricText.ScoreLabel(metric.Name)[..^2]} (measured; {MetricText.Constraint(metric)})", MetricText.Value(metric.Name, metric.Value),
                MetricText.Value(metric.Name, metric.BaselineValue), Number(100 * (metric.Value - metric.BaselineValue), "+0.00;−0.00;0.00") + " pp");
        if (plan.Accuracy is { } accuracy && baseline.Accuracy is { } baselineAccuracy)
            Row(html, "Accuracy (measured)", Number(100 * accuracy, "0.00") + " %", Number(100 * baselineAccuracy, "0.00") + " %",
                Number(plan.Improvement.AccuracyDeltaPp ?? 0, "+0.00;−0.00;0.00") + " pp");
        Row(html, "Bottleneck", plan.Bottleneck, baseline.Bottleneck, "");
        Row(html, "Stages", Layout(plan.Stages), Layout(baseline.Stages), "");
        Row(html, "Proven optimal", plan.ProvenOptimal ? "yes" : "no (the solver's time limit stopped it)", "", "");
        html.Append("</tbody></table>");
    }

    private static void Measurement(StringBuilder html, DeploymentPlan plan, Runtime.RuntimeReport measured)
    {
        html.Append("<h2>Measured on this machine</h2><p>The plan's stages run as a pipeline in this process (one ONNX Runtime session and thread per stage) over ")
            .Append(measured.Inputs.ToString("N0", CultureInfo.InvariantCulture))
            .Append(" evaluation images. Accuracy must match the plan's; throughput and latency are this machine's cores, not the target system's chips.</p>");
        html.Append("<table><thead><tr><th></th><th>predicted on ").Append(Escape(plan.HardwareSystem)).Append("</th><th>measured here</th></tr></thead><tbody>");
        if (plan.Accuracy is { } accuracy)
            Row(html, "Accuracy", Number(100 * accuracy, "0.00") + " %", measured.Accuracy is { } run ? Number(100 * run, "0.00") + " %" : "-");
        Row(html, "Throughput", HumanUnits.PerSecond(plan.ThroughputPerSecond, "inferences"), HumanUnits.PerSecond(measured.ThroughputPerSecond, "inferences"));
        Row(html, "Latency per input", HumanUnits.Seconds(plan.LatencySeconds), HumanUnits.Seconds(measured.LatencyP50Seconds) + " (p50)");
        foreach (var stage in measured.Stages)
            Row(html, $"Busy: {stage.Stage}", "", Number(100 * stage.Utilization, "0") + " % of the run");
        html.Append("</tbody></table>");
    }

    private static string Layout(IReadOnlyList<PlanStage> stages) =>
        string.Join(", ", stages.Select(s => $"{s.Chip} [{s.Start}, {s.End})"));

    /// <summary>A table row of plain text cells, each escaped here.</summary>
    private static void Row(StringBuilder html, params string[] cells)
    {
        html.Append("<tr>");
        foreach (var cell in cells) html.Append("<td>").Append(Escape(cell)).Append("</td>");
        html.Append("</tr>");
    }

    /// <summary>Charts of one section side by side, each in a <c>div.chart</c> (the test counts them against the rendered plots).</summary>
    private static void Section(StringBuilder html, string title, params GenericChart[] charts)
    {
        html.Append("<h2>").Append(Escape(title)).Append("</h2><div class=\"charts\">");
        foreach (var chart in charts) html.Append("<div class=\"chart\">").Append(GenericChart.toChartHTML(chart)).Append("</div>");
        html.Append("</div>");
    }

    private static void TrialTable(StringBuilder html, SearchReport report)
    {
        var pareto = report.ParetoTrialIds.ToHashSet();
        var parameters = report.Trials.SelectMany(t => t.Parameters.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        html.Append("<h2>Trials</h2><table><thead><tr>");
        foreach (var column in new[] { "trial", "status", "loss", "throughput (inferences/s)", "energy (µJ/inference)", MetricText.ScoreLabel(report.Metric), "seconds", "Pareto" }.Concat(parameters))
            html.Append("<th>").Append(Escape(column)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var t in report.Trials.OrderBy(t => t.Id))
        {
            var onFront = pareto.Contains(t.Id);
            html.Append(onFront ? "<tr class=\"pareto\">" : "<tr>");
            foreach (var cell in new[] { t.Id.ToString(CultureInfo.InvariantCulture), t.Status, Number(t.Loss, "0.000"), Number(t.ThroughputPerSecond, "N0"), Number(1e6 * t.EnergyJoulesPerInference, "N1"),
                         Number(100 * t.Score, "0.00"), Number(t.Seconds, "0.0"), onFront ? "yes" : "" }
                         .Concat(parameters.Select(p => t.Parameters.TryGetValue(p, out var v) ? v : "")))
                html.Append("<td>").Append(Escape(cell)).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
    }

    private static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "—";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
