using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Optimizer.Simulation;

namespace QuiltNet.Optimizer.Plans;

/// <summary>A plan as written, the simulator's estimates of it and of its baseline, and the compression options measured on the way.</summary>
public sealed record MadePlan(DeploymentPlan Document, PipelineEstimate Estimate, PipelineEstimate BaselineEstimate, IReadOnlyList<CompressionRow> Sweep);
