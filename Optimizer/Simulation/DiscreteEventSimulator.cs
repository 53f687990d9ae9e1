namespace QuiltNet.Optimizer.Simulation;

/// <summary>
/// Simulates a stream of inputs through a line of resources (stages and links alternating) with finite
/// buffers between them and blocking after service: a resource that has finished an input holds it, and
/// stays busy, until the buffer in front of the next resource has a free slot; a resource's delay (a link's hop
/// latency) then passes before the next resource has the input, without holding either. Service times are
/// deterministic, so every event time follows from earlier ones and the events are computed in input order
/// (each input's events depend only on that input upstream and on earlier inputs) rather than popped from a queue.
/// </summary>
public static class DiscreteEventSimulator
{
    /// <param name="bufferSlots">Inputs that can wait in front of each resource (1 = double buffering).</param>
    /// <param name="resources">The pipeline's stages and links in order.</param>
    /// <param name="inputs">How many inputs stream through.</param>
    /// <param name="keepTimeline">Whether to keep every interval for a timeline.</param>
    public static DiscreteEventResult Run(IReadOnlyList<PipelineResource> resources, int inputs, int bufferSlots = 1, bool keepTimeline = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSlots, 0);
        ArgumentOutOfRangeException.ThrowIfZero(resources.Count);
        int n = resources.Count;
        var start = new double[n, inputs];
        var leave = new double[n, inputs];
        var timeline = keepTimeline ? new List<TimelineInterval>(n * inputs) : null;

        for (int i = 0; i < inputs; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double arrived = k == 0 ? 0 : leave[k - 1, i] + resources[k - 1].DelaySeconds;
                double free = i == 0 ? 0 : leave[k, i - 1];
                start[k, i] = Math.Max(arrived, free);
                double done = start[k, i] + resources[k].ServiceSeconds;
                // A buffer slot in front of k+1 frees when the input bufferSlots+1 places ahead starts there.
                int ahead = i - 1 - bufferSlots;
                // An input in flight occupies the wire, not the buffer: it may leave once the slot is free on arrival.
                leave[k, i] = k + 1 < n && ahead >= 0 ? Math.Max(done, start[k + 1, ahead] - resources[k].DelaySeconds) : done;
                timeline?.Add(new TimelineInterval(k, i, start[k, i], done));
            }
        }

        int half = inputs / 2;
        double last = leave[n - 1, inputs - 1], middle = leave[n - 1, half - 1];
        double throughput = (inputs - half) / (last - middle);
        return new DiscreteEventResult(resources, inputs, bufferSlots, throughput, leave[n - 1, 0] + resources[n - 1].DelaySeconds, last,
            (IReadOnlyList<TimelineInterval>?)timeline ?? []);
    }
}
