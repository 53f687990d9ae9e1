using QuiltNet.HwCatalog;

namespace QuiltNet.Optimizer.Calibration;

/// <summary>What calibration measured on this machine, per core (one ONNX Runtime thread).</summary>
/// <param name="Cores">Logical cores, each a chip of the cpu-local system.</param>
/// <param name="MacsPerSecond">MAC rate of a 64→64 3×3 convolution on 56×56 (the chip's peak).</param>
/// <param name="MemoryBandwidthBytesPerSecond">Streaming read bandwidth from DRAM.</param>
/// <param name="CopyLatencySeconds">One small ONNX Runtime run: what a hand-off between cores costs.</param>
/// <param name="CacheBytesPerCore">The core's level-2 cache and its share of level 3: the on-chip memory.</param>
/// <param name="MemoryBytesPerCore">Memory available to .NET divided by the cores.</param>
/// <param name="Processor">The processor's name.</param>
/// <param name="MeasuredAt">When.</param>
/// <param name="Operators">Per-operator times by class and shape (<see cref="OperatorCalibration"/>).</param>
/// <param name="CacheSource">Where <paramref name="CacheBytesPerCore"/> was read.</param>
public sealed record CpuMeasurement(
    int Cores,
    double MacsPerSecond,
    double MemoryBandwidthBytesPerSecond,
    double CopyLatencySeconds,
    long CacheBytesPerCore,
    long MemoryBytesPerCore,
    string Processor,
    DateTimeOffset MeasuredAt,
    OperatorCalibration? Operators = null,
    string CacheSource = "level-2 cache of core 0 (Linux sysfs)");
