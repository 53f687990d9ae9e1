namespace QuiltNet.Optimizer.Calibration;

/// <summary>What calibration measured on this machine, per core (one ONNX Runtime thread).</summary>
public sealed record CpuMeasurement(
    int Cores,
    double MacsPerSecond,
    double MemoryBandwidthBytesPerSecond,
    double CopyLatencySeconds,
    long CacheBytesPerCore,
    long MemoryBytesPerCore,
    string Processor,
    DateTimeOffset MeasuredAt);
