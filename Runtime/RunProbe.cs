using System.Threading.Channels;

namespace QuiltNet.Runtime;

/// <summary>
/// What a test watches in a run: the threads it started (all must have ended once the run returns or
/// throws), and its channels as they open, in pipeline order, so one can be closed mid-stream.
/// </summary>
internal sealed class RunProbe
{
    public List<Thread> Threads { get; } = [];

    public Action<IReadOnlyList<ChannelWriter<InFlight>>>? ChannelsOpened { get; init; }
}
