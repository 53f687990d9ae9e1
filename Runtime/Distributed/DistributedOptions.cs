namespace QuiltNet.Runtime.Distributed;

/// <summary>How a coordinator reaches its stage workers and how long it waits on them.</summary>
public sealed record DistributedOptions
{
    /// <summary>Sent as a bearer token on every call, when the workers require one.</summary>
    public string? Token { get; init; }

    /// <summary>A run with no result for this long ends, naming the stage that stalled; null waits for ever.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>ONNX Runtime intra-op threads of each worker's session.</summary>
    public int ThreadsPerStage { get; init; } = 1;

    /// <summary>A PEM certificate that workers' TLS certificates may chain to, beside the system's roots.</summary>
    public string? TrustedCertificatePem { get; init; }

    /// <summary>
    /// Name each stage by its file name inside the worker's own stage folder instead of sending its bytes
    /// (the worker checks the SHA-256 either way).
    /// </summary>
    public bool StagesOnWorkers { get; init; }
}
