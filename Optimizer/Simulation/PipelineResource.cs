namespace QuiltNet.Optimizer.Simulation;

/// <summary>What a pipeline resource does.</summary>
public enum ResourceKind
{
    /// <summary>A chip computing its stage.</summary>
    Compute,
    /// <summary>A link carrying a cut.</summary>
    Transfer,
}

/// <summary>One server of the pipeline: a chip computing its stage, or a link carrying a cut.</summary>
/// <param name="Name">What it is, for the timeline.</param>
/// <param name="Kind">Compute or transfer.</param>
/// <param name="ServiceSeconds">How long it is held per input.</param>
/// <param name="DelaySeconds">Time in flight after it lets an input go, before the next resource has it (a link's hop
/// latency); the resource serves the next input meanwhile.</param>
public sealed record PipelineResource(string Name, ResourceKind Kind, double ServiceSeconds, double DelaySeconds = 0);
