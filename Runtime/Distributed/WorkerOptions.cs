using System.Net;

namespace QuiltNet.Runtime.Distributed;

/// <summary>How a stage worker listens, whom it serves and what it accepts.</summary>
public sealed record WorkerOptions
{
    /// <summary>The address to listen on; loopback unless a caller on another machine must reach it.</summary>
    public IPAddress Listen { get; init; } = IPAddress.Loopback;

    /// <summary>The port to listen on; 0 picks a free one (<see cref="WorkerHost.Address"/> says which).</summary>
    public int Port { get; init; }

    /// <summary>
    /// The only folder a caller may name stage files in, and where nothing outside it is ever opened;
    /// stages sent as bytes need none.
    /// </summary>
    public string? StageFolder { get; init; }

    /// <summary>When set, every call must carry it as a bearer token, and the worker sends it to the next worker.</summary>
    public string? Token { get; init; }

    /// <summary>Largest stage file (or any one message) the worker takes, in bytes.</summary>
    public int MaxMessageBytes { get; init; } = 512 << 20;

    /// <summary>PEM certificate and key files: with both, the worker serves (and calls the next worker over) TLS.</summary>
    public (string CertificatePem, string KeyPem)? Tls { get; init; }

    /// <summary>A PEM certificate that callers' and peers' certificates may chain to, beside the system's roots.</summary>
    public string? TrustedCertificatePem { get; init; }

    /// <summary>Opens a stage's model (its bytes, intra-op threads) for running: ONNX Runtime, or in tests a stage that fails on cue.</summary>
    internal Func<byte[], int, IStageExecutor> OpenStage { get; init; } = OnnxStageExecutor.Open;
}
