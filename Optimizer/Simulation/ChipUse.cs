namespace QuiltNet.Optimizer.Simulation;

/// <summary>A chip's share of the pipeline period spent computing, and its static energy per inference.</summary>
public sealed record ChipUse(string ChipId, string Chip, double Utilization, double StaticEnergyJoules);
