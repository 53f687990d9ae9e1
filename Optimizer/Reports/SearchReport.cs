using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Optimizer.Simulation;
using QuiltNet.Runtime;

namespace QuiltNet.Optimizer.Reports;

/// <summary>
/// Everything <c>report.html</c> shows, gathered by a search: the chosen plan (with its baseline inside),
/// every trial, which trials are on the Pareto front, the model's layers, each stage's and link's time per input,
/// the event-simulation timelines of plan and baseline, each chip's memory against its capacity, and the accuracy
/// sweep measured per cut. A results model, separate from the writers that render it.
/// </summary>
public sealed record SearchReport(
    string Title,
    DeploymentPlan Plan,
    IReadOnlyList<ReportTrial> Trials,
    IReadOnlyList<int> ParetoTrialIds,
    IReadOnlyList<ReportLayer> Layers,
    IReadOnlyList<PipelineResource> PlanResources,
    IReadOnlyList<PipelineResource> BaselineResources,
    ReportTimeline PlanTimeline,
    ReportTimeline BaselineTimeline,
    IReadOnlyList<ChipMemory> PlanMemory,
    IReadOnlyList<ChipMemory> BaselineMemory,
    IReadOnlyList<CompressionRow> AccuracySweep)
{
    /// <summary>The metric the trials' scores and the sweep's drops are in (<see cref="DeploymentPlan.Metric"/>'s name).</summary>
    public string Metric => MetricText.Of(Plan).Name;

    /// <summary>The plan run on this machine (<see cref="PlanMeasurement"/>); null when it was not run.</summary>
    public RuntimeReport? Measured { get; init; }
}

/// <summary>One layer of the model: its position, name, operator, and the bytes of activations it writes per input (fp32, as the model holds them).</summary>
public sealed record ReportLayer(int Position, string Name, string OpType, long OutputBytes);

/// <summary>One trial: its parameters as text, its loss (+∞ when it failed) and the plan's figures, its score under the search's metric among them (a fraction, higher is better).</summary>
public sealed record ReportTrial(int Id, IReadOnlyDictionary<string, string> Parameters, double Loss, double ThroughputPerSecond, double EnergyJoulesPerInference, double Score, string Status, double Seconds);

/// <summary>The resources of a simulated pipeline (stages and links, in order) and when each input occupied them.</summary>
public sealed record ReportTimeline(IReadOnlyList<string> Resources, IReadOnlyList<TimelineInterval> Intervals);

/// <summary>A chip's memory in use (weights + live activations + encoder/decoder weights) against its capacity.</summary>
public sealed record ChipMemory(string Chip, double UsedBytes, double CapacityBytes);
