namespace QuiltNet.Optimizer.Simulation;

public enum ResourceKind
{
    Compute,
    Transfer,
}

/// <summary>One server of the pipeline: a chip computing its stage, or a link carrying a cut.</summary>
public sealed record PipelineResource(string Name, ResourceKind Kind, double ServiceSeconds);
