using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>
/// One batch on its way through the pipeline: its position, the inputs [<see cref="Start"/>, Start +
/// <see cref="Count"/>) it holds, the tensors the next stage takes, when the first stage took it, and when
/// the emulated link delivers it (0: at once). All times are <see cref="System.Diagnostics.Stopwatch"/> timestamps.
/// </summary>
internal sealed record InFlight(int Batch, int Start, int Count, Dictionary<string, HostTensor> Tensors, long TakenAt, long DeliverAt);
