using System.Net;
using Plotly.NET;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Optimizer.Reports;

/// <summary>
/// The report's plotly charts, built from a <see cref="SearchReport"/> with Plotly.NET. Traces and layouts are
/// set as plain plotly.js attributes (Plotly.NET's typed F# builders take every optional argument explicitly
/// from C#), so each attribute name here is the one plotly.js documents.
/// </summary>
internal static class ReportCharts
{
    /// <summary>How many inputs the Gantt charts show: enough to see the pipeline fill and reach its period.</summary>
    public const int TimelineInputs = 20;

    private const double KiB = 1024;

    public static GenericChart ParetoFront(SearchReport report)
    {
        var done = report.Trials.Where(t => double.IsFinite(t.ThroughputPerSecond) && double.IsFinite(t.EnergyJoulesPerInference)).ToList();
        var pareto = report.ParetoTrialIds.ToHashSet();
        var front = done.Where(t => pareto.Contains(t.Id)).OrderBy(t => t.ThroughputPerSecond).ToList();
        var all = Trace("scatter",
            ("name", "trials"), ("mode", "markers"),
            ("x", done.Select(t => t.ThroughputPerSecond).ToArray()),
            ("y", done.Select(t => 1e6 * t.EnergyJoulesPerInference).ToArray()),
            ("text", done.Select(t => $"trial {t.Id}").ToArray()),
            ("marker", new { size = 9, color = done.Select(t => 100 * t.Score).ToArray(), colorscale = "Viridis", showscale = true, colorbar = new { title = new { text = MetricText.ScoreLabel(report.Metric) } } }));
        var highlighted = Trace("scatter",
            ("name", "Pareto front"), ("mode", "lines+markers"),
            ("x", front.Select(t => t.ThroughputPerSecond).ToArray()),
            ("y", front.Select(t => 1e6 * t.EnergyJoulesPerInference).ToArray()),
            ("text", front.Select(t => $"trial {t.Id}").ToArray()),
            ("line", new { color = "crimson", dash = "dot" }),
            ("marker", new { size = 15, color = "rgba(0,0,0,0)", line = new { color = "crimson", width = 2 } }));
        var plan = report.Plan;
        var baseline = Trace("scatter",
            ("name", "baseline (no compression)"), ("mode", "markers"),
            ("x", new[] { plan.Baseline.ThroughputPerSecond }), ("y", new[] { 1e6 * plan.Baseline.EnergyJoulesPerInference }),
            ("marker", new { size = 16, symbol = "square", color = "grey" }));
        var chosen = Trace("scatter",
            ("name", "chosen plan"), ("mode", "markers"),
            ("x", new[] { plan.ThroughputPerSecond }), ("y", new[] { 1e6 * plan.EnergyJoulesPerInference }),
            ("marker", new { size = 18, symbol = "star", color = "gold", line = new { color = "black", width = 1 } }));
        var chart = Chart([all, highlighted, baseline, chosen], $"Trials: throughput against energy (colour: measured {report.Metric})",
            Axis("throughput (inferences/s)", ("tickformat", ",.0f")), Axis("energy (µJ per inference)", ("tickformat", ",.1f")));
        // The legend goes below the plot, out of the colour bar's way.
        var layout = new Layout();
        layout.SetProperty("legend", new { orientation = "h", y = -0.25 });
        return GenericChart.addLayout(layout, chart);
    }

    public static GenericChart BestSoFar(SearchReport report)
    {
        var scored = report.Trials.Where(t => double.IsFinite(t.Loss)).OrderBy(t => t.Id).ToList();
        var best = new double[scored.Count];
        for (var i = 0; i < scored.Count; i++) best[i] = i == 0 ? scored[i].Loss : Math.Min(best[i - 1], scored[i].Loss);
        var ids = scored.Select(t => t.Id).ToArray();
        return Chart(
            [
                Trace("scatter", ("name", "trial loss"), ("mode", "markers"), ("x", ids), ("y", scored.Select(t => t.Loss).ToArray())),
                Trace("scatter", ("name", "best so far"), ("mode", "lines"), ("line", new { shape = "hv" }), ("x", ids), ("y", best)),
            ],
            "Loss per trial (failed trials left out)", Axis("trial"), Axis("loss"));
    }

    /// <summary>One horizontal bar per interval, based at its start; colour tells the inputs apart.</summary>
    public static GenericChart Timeline(ReportTimeline timeline, string title)
    {
        var shown = timeline.Intervals.Where(i => i.Item < TimelineInputs).ToList();
        var bars = Trace("bar",
            ("orientation", "h"), ("showlegend", false),
            ("y", shown.Select(i => Label(timeline.Resources[i.Resource])).ToArray()),
            ("base", shown.Select(i => 1e6 * i.StartSeconds).ToArray()),
            ("x", shown.Select(i => 1e6 * (i.EndSeconds - i.StartSeconds)).ToArray()),
            ("text", shown.Select(i => $"input {i.Item}").ToArray()),
            ("hovertemplate", "%{text}: from %{base:,.2f} µs for %{x:,.2f} µs<extra>%{y}</extra>"),
            ("marker", new { color = shown.Select(i => i.Item).ToArray(), colorscale = "Turbo" }));
        // Stages and links in pipeline order from the top down.
        var resources = Axis("", ("categoryorder", "array"), ("categoryarray", timeline.Resources.Select(Label).ToArray()), ("autorange", "reversed"));
        return Chart([bars], title, Axis("time (µs)", ("tickformat", ",.0f")), resources);
    }

    /// <summary>Each chip's memory in use as a share of what it holds, the bytes in the label: a 2 GiB board holding 3 MiB still shows a bar.</summary>
    public static GenericChart Memory(IReadOnlyList<ChipMemory> chips, string title)
    {
        var names = chips.Select(c => Label(c.Chip)).ToArray();
        return Chart(
            [
                Trace("bar", ("name", "used"), ("x", names), ("y", chips.Select(c => 100 * c.UsedBytes / c.CapacityBytes).ToArray()),
                    ("text", chips.Select(c => $"{HumanUnits.Bytes((long)c.UsedBytes)} of {HumanUnits.Bytes((long)c.CapacityBytes)}").ToArray()),
                    ("textposition", "outside")),
            ],
            title, Axis("chip"), Axis("memory used (% of capacity)", ("rangemode", "tozero")));
    }

    /// <summary>Activation bytes each layer writes, with the plan's cuts marked (and labelled with their compression) and the baseline's dashed.</summary>
    public static GenericChart Layers(SearchReport report)
    {
        var layers = report.Layers;
        var bars = Trace("bar",
            ("name", "activations written"), ("showlegend", false),
            ("x", layers.Select(l => l.Position).ToArray()),
            ("y", layers.Select(l => l.OutputBytes / KiB).ToArray()),
            ("text", layers.Select(l => Label($"{l.Name} ({l.OpType})")).ToArray()),
            ("hovertemplate", "%{text}<br>position %{x}: %{y:,.1f} KiB<extra></extra>"), ("textposition", "none"),
            ("marker", new { color = "steelblue" }));
        var shapes = new List<object>();
        var annotations = new List<object>();
        foreach (var cut in report.Plan.Cuts)
        {
            shapes.Add(new { type = "line", xref = "x", yref = "paper", x0 = cut.Position - 0.5, x1 = cut.Position - 0.5, y0 = 0, y1 = 1, line = new { color = "crimson", width = 2 } });
            string what = cut.Option is { } o
                ? $"cut {cut.Position}: 1/{o.Ratio} features, {o.Bits}-bit ({HumanUnits.Bytes((long)cut.BytesBefore)} → {HumanUnits.Bytes((long)cut.BytesAfter)})"
                : $"cut {cut.Position}: uncompressed ({HumanUnits.Bytes((long)cut.BytesBefore)})";
            annotations.Add(new { x = cut.Position - 0.5, y = 1, xref = "x", yref = "paper", text = Label(what), showarrow = false, textangle = -90, xanchor = "right", yanchor = "top", font = new { color = "crimson" } });
        }
        foreach (var cut in report.Plan.Baseline.Cuts)
            shapes.Add(new { type = "line", xref = "x", yref = "paper", x0 = cut.Position - 0.5, x1 = cut.Position - 0.5, y0 = 0, y1 = 1, line = new { color = "grey", width = 1, dash = "dash" } });
        var chart = Chart([bars], "Activations per layer; the plan's cuts in red, the baseline's dashed", Axis("layer position"), Axis("KiB written per input", ("tickformat", ",.0f")));
        var layout = new Layout();
        layout.SetProperty("shapes", shapes.ToArray());
        layout.SetProperty("annotations", annotations.ToArray());
        return GenericChart.addLayout(layout, chart);
    }

    /// <summary>Each stage's and link's time per input, the slowest (which sets the period) in red.</summary>
    public static GenericChart StageAndLinkTimes(IReadOnlyList<PipelineResource> resources, string bottleneck, string title)
    {
        var names = resources.Select(r => Label(r.Name)).ToArray();
        return Chart(
            [
                Trace("bar", ("showlegend", false),
                    ("x", names),
                    ("y", resources.Select(r => 1e6 * r.ServiceSeconds).ToArray()),
                    ("text", resources.Select(r => r.Name == bottleneck ? "bottleneck" : "").ToArray()), ("textposition", "outside"),
                    ("marker", new { color = resources.Select(r => r.Name == bottleneck ? "crimson" : r.Kind == ResourceKind.Compute ? "steelblue" : "darkorange").ToArray() })),
            ],
            title, Axis("stages (blue) and links (orange), in pipeline order", ("categoryorder", "array"), ("categoryarray", names)), Axis("µs per input", ("rangemode", "tozero")));
    }

    public static GenericChart CutBytes(SearchReport report)
    {
        var cuts = report.Plan.Cuts;
        var names = cuts.Select(c => $"cut @ {c.Position}").ToArray();
        return Chart(
            [
                Trace("bar", ("name", "uncompressed (chip precision)"), ("x", names), ("y", cuts.Select(c => c.BytesBefore / KiB).ToArray())),
                Trace("bar", ("name", "after compression"), ("x", names), ("y", cuts.Select(c => c.BytesAfter / KiB).ToArray()),
                    ("text", cuts.Select(c => c.Option is { } o ? Label($"{o.Method} ratio {o.Ratio} stride {o.Stride} {o.Bits}-bit") : "uncompressed").ToArray())),
            ],
            "Bytes per inference crossing each cut of the plan", Axis("cut"), Axis("KiB per inference"), barmode: "group");
    }

    /// <summary>Drop under the sweep's metric (accuracy, agreement or relative error, in percentage points) against how much smaller the code is, one line per (cut, bits).</summary>
    public static GenericChart AccuracySweep(IReadOnlyList<CompressionRow> sweep)
    {
        var traces = sweep
            .Where(r => r.BytesAfter > 0)
            .GroupBy(r => (r.Cut, r.Bits))
            .OrderBy(g => g.Key.Cut).ThenBy(g => g.Key.Bits)
            .Select(g =>
            {
                var rows = g.OrderBy(r => (double)r.BytesBefore / r.BytesAfter).ToList();
                return Trace("scatter",
                    ("name", $"cut {g.Key.Cut}, {g.Key.Bits}-bit"), ("mode", "lines+markers"),
                    ("x", rows.Select(r => (double)r.BytesBefore / r.BytesAfter).ToArray()),
                    ("y", rows.Select(r => r.LossPp).ToArray()),
                    ("text", rows.Select(r => Label($"{r.Method} ratio {r.Ratio} stride {r.Stride}")).ToArray()));
            })
            .ToArray();
        string metric = sweep.Select(r => r.Metric).FirstOrDefault() ?? "accuracy";
        return Chart(traces, $"Sweep per cut ({metric})", Axis("bytes reduction (×)", ("type", "log")), Axis($"{metric} drop (pp)"));
    }

    private static Trace Trace(string type, params (string Name, object Value)[] attributes)
    {
        var trace = new Trace2D(type);
        foreach (var (name, value) in attributes) trace.SetProperty(name, value);
        return trace;
    }

    private static Dictionary<string, object> Axis(string title, params (string Name, object Value)[] attributes)
    {
        var axis = new Dictionary<string, object> { ["title"] = new { text = title } };
        foreach (var (name, value) in attributes) axis[name] = value;
        return axis;
    }

    private static GenericChart Chart(Trace[] traces, string title, Dictionary<string, object> xaxis, Dictionary<string, object> yaxis, string? barmode = null)
    {
        var layout = new Layout();
        layout.SetProperty("title", new { text = title });
        layout.SetProperty("width", 900);
        layout.SetProperty("height", 460);
        layout.SetProperty("xaxis", xaxis);
        layout.SetProperty("yaxis", yaxis);
        if (barmode is not null) layout.SetProperty("barmode", barmode);
        return GenericChart.addLayout(layout, GenericChart.ofTraceObjects(true, traces));
    }

    /// <summary>
    /// Names from the model or hardware go into the chart data as text, inside a script block: entity-encoding them
    /// keeps a "&lt;/script&gt;" in a name from ending that block, and plotly.js decodes entities when it draws the label.
    /// </summary>
    private static string Label(string text) => WebUtility.HtmlEncode(text);
}
