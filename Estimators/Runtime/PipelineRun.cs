using System.Diagnostics;
using System.Threading.Channels;
using QuiltNet.Graph;
using QuiltNet.Graph.Data;

namespace QuiltNet.Estimators.Runtime;

/// <summary>
/// One run of a <see cref="StagePipeline"/>: a feeder thread, a dedicated thread per stage, bounded channels
/// between them, and the calling thread collecting results. A stage that throws, a channel that closes
/// early or the caller's cancellation cancels every thread (waits on channels, links and ONNX Runtime runs
/// all observe it), and the run returns or throws only once every thread it started has ended.
/// </summary>
internal sealed class PipelineRun : IDisposable
{
    private const int Idle = -1;

    private readonly StagePipeline _pipeline;
    private readonly IReadOnlyList<PipelineStage> _stages;
    private readonly LabelledImages _data;
    private readonly IReadOnlyList<(int Start, int Count)> _batches;
    private readonly RuntimeOptions _options;
    private readonly CancellationToken _caller;
    private readonly RunProbe? _probe;
    private readonly CancellationTokenSource _stop;
    private readonly Channel<InFlight>[] _channels;
    private readonly EmulatedLink?[] _links;
    private readonly long[] _linkBytes;
    private readonly long[] _busyTicks;
    private readonly int[] _at;
    private PipelineStoppedException? _failure;

    public PipelineRun(StagePipeline pipeline, LabelledImages data, IReadOnlyList<(int Start, int Count)> batches,
        RuntimeOptions options, CancellationToken cancellation, RunProbe? probe)
    {
        _pipeline = pipeline;
        _stages = pipeline.Stages;
        _data = data;
        _batches = batches;
        _options = options;
        _caller = cancellation;
        _probe = probe;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        // Channel k feeds stage k; the last one feeds the results. One writer and one reader each, both
        // blocking threads, so a write may wake the reader directly.
        _channels = Enumerable.Range(0, _stages.Count + 1).Select(_ => Channel.CreateBounded<InFlight>(new BoundedChannelOptions(options.ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
            FullMode = BoundedChannelFullMode.Wait,
        })).ToArray();
        _links = Enumerable.Range(0, _stages.Count - 1).Select(_ => options.Link is { } link ? new EmulatedLink(link) : null).ToArray();
        _linkBytes = new long[_stages.Count - 1];
        _busyTicks = new long[_stages.Count];
        _at = Enumerable.Repeat(Idle, _stages.Count).ToArray();
    }

    private CancellationToken Token => _stop.Token;

    public RuntimeReport Execute()
    {
        _probe?.ChannelsOpened?.Invoke(_channels.Select(c => c.Writer).ToList());
        long started = Stopwatch.GetTimestamp();
        var threads = new List<Thread> { Start("quiltnet feeder", Feed) };
        for (int k = 0; k < _stages.Count; k++)
        {
            int stage = k;
            threads.Add(Start($"quiltnet stage {k}", () => RunStage(stage)));
        }
        _probe?.Threads.AddRange(threads);

        var latencies = new long[_batches.Count];
        int correct = 0, received = 0;
        double wall = 0;
        try
        {
            for (; received < _batches.Count; received++)
            {
                var item = Receive(_channels[^1].Reader, _stages[^1].Name, received);
                latencies[item.Batch] = Stopwatch.GetTimestamp() - item.EnqueuedAt;
                correct += Top1.Correct(item.Tensors[_pipeline.Logits], _data.Labels.AsSpan(item.Start, item.Count));
            }
            wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        }
        catch (Exception) when (Token.IsCancellationRequested)
        {
            // Stopped by a failing thread or by the caller: reported below, once every thread has ended.
        }
        catch (Exception e)
        {
            Fail("results", Idle, e);
        }
        finally
        {
            if (received < _batches.Count) _stop.Cancel();
            foreach (var thread in threads) thread.Join();
        }

        if (_failure is { } failure) throw failure;
        if (received < _batches.Count)
            throw PipelineStoppedException.Cancellation(Progress(received), new OperationCanceledException(_caller));
        return Report(latencies, correct, wall);
    }

    private static Thread Start(string name, ThreadStart body)
    {
        var thread = new Thread(body) { Name = name, IsBackground = true };
        thread.Start();
        return thread;
    }

    private void Feed()
    {
        var writer = _channels[0].Writer;
        try
        {
            for (int b = 0; b < _batches.Count; b++)
            {
                var (start, count) = _batches[b];
                var feeds = new Dictionary<string, HostTensor> { [_pipeline.Input.Name] = _data.Batch(start, count, _pipeline.Input) };
                WaitForSpace(writer, _stages[0].Name);
                Write(writer, new InFlight(b, start, count, feeds, Stopwatch.GetTimestamp(), DeliverAt: 0), _stages[0].Name);
            }
            writer.TryComplete();
        }
        catch (Exception) when (Token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Fail("input feeder", Idle, e);
        }
    }

    private void RunStage(int k)
    {
        var stage = _stages[k];
        var reader = _channels[k].Reader;
        var writer = _channels[k + 1].Writer;
        string previous = k > 0 ? _stages[k - 1].Name : "the input feeder";
        string next = k + 1 < _stages.Count ? _stages[k + 1].Name : "the results";
        try
        {
            for (int received = 0; received < _batches.Count; received++)
            {
                var item = Receive(reader, previous, received);
                Volatile.Write(ref _at[k], item.Batch);
                PreciseWait.Until(item.DeliverAt, Token);
                long started = Stopwatch.GetTimestamp();
                var outputs = stage.Executor.Run(item.Tensors, Token);
                _busyTicks[k] += Stopwatch.GetTimestamp() - started;

                WaitForSpace(writer, next);
                long deliverAt = 0;
                if (k < _links.Length)
                {
                    long bytes = LinkBytes(outputs, stage.LinkBits);
                    _linkBytes[k] += bytes;
                    deliverAt = _links[k]?.Schedule(Stopwatch.GetTimestamp(), bytes) ?? 0;
                }
                Write(writer, item with { Tensors = outputs, DeliverAt = deliverAt }, next);
                Volatile.Write(ref _at[k], Idle);
            }
            writer.TryComplete();
        }
        catch (Exception) when (Token.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            Fail(stage.Name, Volatile.Read(ref _at[k]), e);
        }
    }

    private InFlight Receive(ChannelReader<InFlight> reader, string from, int received)
    {
        InFlight? item;
        while (!reader.TryRead(out item))
            if (!Blocking.Wait(reader.WaitToReadAsync(Token)))
                throw new ChannelClosedException($"the channel from {from} closed after {received} of {_batches.Count} batches");
        return item;
    }

    /// <summary>Waits until the channel has room, so the item's send time (and link schedule) is when it really goes.</summary>
    private void WaitForSpace(ChannelWriter<InFlight> writer, string to)
    {
        if (!Blocking.Wait(writer.WaitToWriteAsync(Token)))
            throw new ChannelClosedException($"the channel to {to} was closed");
    }

    private static void Write(ChannelWriter<InFlight> writer, InFlight item, string to)
    {
        // The only writer found room above, so this fails only if the channel was closed since.
        if (!writer.TryWrite(item))
            throw new ChannelClosedException($"the channel to {to} was closed");
    }

    /// <summary>Bytes a link carries for these tensors: each at its link bits (quantised codes at theirs), rounded up to whole bytes.</summary>
    private static long LinkBytes(Dictionary<string, HostTensor> tensors, IReadOnlyDictionary<string, int> linkBits) =>
        tensors.Sum(t => (t.Value.Shape.Aggregate(1L, (p, d) => p * d) * linkBits.GetValueOrDefault(t.Key, t.Value.ElementType.Bits()) + 7) / 8);

    /// <summary>Records the first failure (later ones are its consequences) and stops every thread.</summary>
    private void Fail(string where, int batch, Exception error)
    {
        Interlocked.CompareExchange(ref _failure, PipelineStoppedException.Failed(where, batch, error), null);
        _stop.Cancel();
    }

    private string Progress(int received) =>
        $"{received} of {_batches.Count} batches done; " + string.Join(", ", _stages.Select((s, k) =>
            Volatile.Read(ref _at[k]) is var batch && batch == Idle ? $"{s.Name} waiting" : $"{s.Name} at batch {batch}"));

    private RuntimeReport Report(long[] latencies, int correct, double wall)
    {
        int inputs = _batches.Sum(b => b.Count);
        // Every input of a batch has its batch's latency.
        var perInput = _batches.SelectMany((b, i) => Enumerable.Repeat(latencies[i], b.Count)).Order().ToArray();
        double Percentile(double p) => perInput[Math.Max(0, (int)Math.Ceiling(p * perInput.Length) - 1)] / (double)Stopwatch.Frequency;
        var stages = _stages.Select((s, k) =>
        {
            double busy = _busyTicks[k] / (double)Stopwatch.Frequency;
            return new StageBusy(s.Name, busy, busy / wall);
        }).ToList();
        var links = _links.Select((link, k) => new LinkTraffic(_stages[k].Name, _stages[k + 1].Name, _linkBytes[k], (double)_linkBytes[k] / inputs, link?.BusySeconds)).ToList();
        return new RuntimeReport(inputs, _options.Batch, _pipeline.ThreadsPerStage, _options.Link, (double)correct / inputs, inputs / wall,
            Percentile(0.50), Percentile(0.99), wall, stages, links);
    }

    public void Dispose() => _stop.Dispose();
}
