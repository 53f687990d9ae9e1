using System.Text.Json.Serialization;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Cli.Output;

/// <summary>The JSON of 'quiltnet simulate': the analytic estimate's fields, plus the event simulation's throughput.</summary>
public sealed record SimulationReport([property: JsonIgnore] PipelineEstimate Estimate, double EventThroughputPerSecond, int EventInputs)
{
    public string Model => Estimate.Model;
    public string System => Estimate.System;
    public double ThroughputPerSecond => Estimate.ThroughputPerSecond;
    public double LatencySeconds => Estimate.LatencySeconds;
    public double EnergyJoulesPerInference => Estimate.EnergyJoulesPerInference;
    public string Bottleneck => Estimate.Bottleneck;
    public bool Feasible => Estimate.Feasible;
    public IReadOnlyList<string> MemoryOverflows => Estimate.MemoryOverflows;
    public object Stages => Estimate.Stages.Select(s => new
    {
        s.Index,
        s.ChipId,
        chip = s.Chip.Name,
        s.Start,
        s.End,
        s.Macs,
        s.TimeSeconds,
        s.WeightBytes,
        s.ResidentWeightBytes,
        s.PeakActivationBytes,
        s.MemoryUsedBytes,
        s.MemoryCapacityBytes,
        s.OffChipBytesPerInference,
        s.DynamicEnergyJoules,
    });
    public object Links => Estimate.Links;
    public object Chips => Estimate.Chips;
}
