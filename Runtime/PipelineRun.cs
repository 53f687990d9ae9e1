using System.Diagnostics;
using System.Threading.Channels;
using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>
/// One run of a <see cref="StagePipeline"/>: a dedicated thread per stage and a bounded channel between
/// each pair. The first stage takes inputs straight from the data, as from a host that keeps the first chip
/// fed, and the last one scores its results itself: no feeder or collector thread sits on the path whose
/// scheduling could starve or stall the stages. A stage that throws, a channel that closes early or the
/// caller's cancellation cancels every thread (waits on channels, links and ONNX Runtime runs all observe
/// it); so does a stage that works on one batch past the stall timeout, which the calling thread watches
/// for while it waits. The run returns or throws only once every thread it started has ended.
/// </summary>
internal sealed class PipelineRun : IDisposable
{
    private const int Idle = -1;

    private readonly StagePipeline _pipeline;
    private readonly IReadOnlyList<PipelineStage> _stages;
    private readonly SampleSet _data;
    private readonly IReadOnlyList<(int Start, int Count)> _batches;
    private readonly RuntimeOptions _options;
    private readonly RunProbe? _probe;
    private readonly CancellationTokenSource _stop;
    private readonly Channel<InFlight>[] _channels;
    private readonly EmulatedLink?[] _links;
    private readonly long[] _linkBytes;
    private readonly long[] _busyTicks;
    private readonly int[] _at;
    private readonly long[] _runningSince;
    private readonly long[] _latencies;
    private int _correct, _scored;
    private long _finishedAt;
    private PipelineStoppedException? _failure;

    public PipelineRun(StagePipeline pipeline, SampleSet data, IReadOnlyList<(int Start, int Count)> batches,
        RuntimeOptions options, CancellationToken cancellation, RunProbe? probe)
    {
        _pipeline = pipeline;
        _stages = pipeline.Stages;
        _data = data;
        _batches = batches;
        _options = options;
        _probe = probe;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        // Channel k runs from stage k to stage k + 1. One writer and one reader each, both blocking
        // threads, so a write may wake the reader directly.
        _channels = Enumerable.Range(0, _stages.Count - 1).Select(_ => Channel.CreateBounded<InFlight>(new BoundedChannelOptions(options.ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
            FullMode = BoundedChannelFullMode.Wait,
        })).ToArray();
        _links = _channels.Select(_ => options.Link is { } link ? new EmulatedLink(link) : null).ToArray();
        _linkBytes = new long[_channels.Length];
        _busyTicks = new long[_stages.Count];
        _at = Enumerable.Repeat(Idle, _stages.Count).ToArray();
        _runningSince = new long[_stages.Count];
        _latencies = new long[batches.Count];
    }

    private CancellationToken Token => _stop.Token;

    public RuntimeReport Execute()
    {
        _probe?.ChannelsOpened?.Invoke(_channels.Select(c => c.Writer).ToList());
        long started = Stopwatch.GetTimestamp();
        var threads = Enumerable.Range(0, _stages.Count).Select(k =>
        {
            var thread = new Thread(() => RunStage(k)) { Name = $"quiltnet stage {k}", IsBackground = true };
            thread.Start();
            return thread;
        }).ToList();
        _probe?.Threads.AddRange(threads);
        JoinWatchingForStalls(threads);

        if (_failure is { } failure) throw failure;
        if (_scored < _batches.Count)
            throw PipelineStoppedException.Cancellation(Progress(), new OperationCanceledException(Token));
        return Report(Stopwatch.GetElapsedTime(started, _finishedAt).TotalSeconds);
    }

    /// <summary>Waits for every stage thread; meanwhile a stage inside one batch for longer than the stall timeout fails the run.</summary>
    private void JoinWatchingForStalls(List<Thread> threads)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_options.StallTimeout.TotalMilliseconds / 4, 1, 50));
        foreach (var thread in threads)
            while (!thread.Join(tick))
                for (int k = 0; k < _stages.Count; k++)
                    if (Volatile.Read(ref _runningSince[k]) is var since and not 0 && Stopwatch.GetElapsedTime(since) > _options.StallTimeout)
                        Fail(_stages[k].Name, Volatile.Read(ref _at[k]), new TimeoutException(
                            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"stalled: no result after {_options.StallTimeout.TotalSeconds:0.###} s")));
    }

    private void RunStage(int k)
    {
        var stage = _stages[k];
        bool last = k == _stages.Count - 1;
        try
        {
            for (int b = 0; b < _batches.Count; b++)
            {
                var item = k == 0 ? Take(b) : Receive(k, b);
                Volatile.Write(ref _at[k], item.Batch);
                PreciseWait.Until(item.DeliverAt, Token);
                long started = Stopwatch.GetTimestamp();
                Volatile.Write(ref _runningSince[k], started);
                var outputs = stage.Executor.Run(item.Tensors, Token);
                Volatile.Write(ref _runningSince[k], 0);
                _busyTicks[k] += Stopwatch.GetTimestamp() - started;
                if (last) Score(item, outputs);
                else Send(k, item with { Tensors = outputs });
                Volatile.Write(ref _at[k], Idle);
            }
            if (!last) _channels[k].Writer.TryComplete();
        }
        catch (Exception) when (Token.IsCancellationRequested)
        {
            // Stopped by another thread's failure or by the caller: reported once every thread has ended.
        }
        catch (Exception e)
        {
            Fail(stage.Name, Volatile.Read(ref _at[k]), e);
        }
    }

    /// <summary>The first stage's next batch, straight from the data; its latency counts from here.</summary>
    private InFlight Take(int batch)
    {
        var (start, count) = _batches[batch];
        long takenAt = Stopwatch.GetTimestamp();
        Dictionary<string, HostTensor> feeds;
        try
        {
            feeds = new Dictionary<string, HostTensor>(_data.Feeds(start, count, _pipeline.Inputs));
        }
        catch (QuiltNetException e)
        {
            // The data is at fault, not the first stage, whose thread reads it: the error names the file as it is.
            Fail(PipelineStoppedException.DataFailed(e));
            throw;
        }
        return new InFlight(batch, start, count, feeds, takenAt, DeliverAt: 0);
    }

    private InFlight Receive(int k, int received)
    {
        var reader = _channels[k - 1].Reader;
        InFlight? item;
        while (!reader.TryRead(out item))
            if (!Blocking.Wait(reader.WaitToReadAsync(Token)))
                throw new ChannelClosedException($"the channel from {_stages[k - 1].Name} closed after {received} of {_batches.Count} batches");
        return item;
    }

    /// <summary>
    /// Hands a result on to the next stage. Waits for room first, so the send time (and the link's
    /// schedule) is when the transfer really starts; the only writer then finds the room still there.
    /// </summary>
    private void Send(int k, InFlight item)
    {
        var writer = _channels[k].Writer;
        string closed = $"the channel to {_stages[k + 1].Name} was closed";
        if (!Blocking.Wait(writer.WaitToWriteAsync(Token)))
            throw new ChannelClosedException(closed);
        long bytes = LinkBytes(item.Tensors, _stages[k].LinkBits);
        _linkBytes[k] += bytes;
        long deliverAt = _links[k]?.Schedule(Stopwatch.GetTimestamp(), bytes) ?? 0;
        if (!writer.TryWrite(item with { DeliverAt = deliverAt }))
            throw new ChannelClosedException(closed);
    }

    /// <summary>Top-1 against the labels and the batch's latency, on the last stage's thread.</summary>
    private void Score(InFlight item, Dictionary<string, HostTensor> outputs)
    {
        if (_data.Labels is { } labels)
            _correct += Top1.Correct(outputs[_pipeline.Logits], labels.AsSpan(item.Start, item.Count));
        _finishedAt = Stopwatch.GetTimestamp();
        _latencies[item.Batch] = _finishedAt - item.TakenAt;
        _scored++;
    }

    /// <summary>Bytes a link carries for these tensors: each at its link bits (quantised codes at theirs), rounded up to whole bytes.</summary>
    private static long LinkBytes(Dictionary<string, HostTensor> tensors, IReadOnlyDictionary<string, int> linkBits) =>
        tensors.Sum(t => (t.Value.Shape.Aggregate(1L, (p, d) => p * d) * linkBits.GetValueOrDefault(t.Key, t.Value.ElementType.Bits()) + 7) / 8);

    /// <summary>Records the first failure (later ones are its consequences) and stops every thread.</summary>
    private void Fail(string where, int batch, Exception error) => Fail(PipelineStoppedException.Failed(where, batch, error));

    private void Fail(PipelineStoppedException failure)
    {
        Interlocked.CompareExchange(ref _failure, failure, null);
        _stop.Cancel();
    }

    private string Progress() =>
        $"{_scored} of {_batches.Count} batches done; " + string.Join(", ", _stages.Select((s, k) =>
            _at[k] == Idle ? $"{s.Name} waiting" : $"{s.Name} at batch {_at[k]}"));

    private RuntimeReport Report(double wall)
    {
        int inputs = _batches.Sum(b => b.Count);
        var (p50, p99) = BatchLatencies.Percentiles(_batches, _latencies);
        var stages = _stages.Select((s, k) =>
        {
            double busy = _busyTicks[k] / (double)Stopwatch.Frequency;
            return new StageBusy(s.Name, busy, busy / wall);
        }).ToList();
        var links = _links.Select((link, k) => new LinkTraffic(_stages[k].Name, _stages[k + 1].Name, _linkBytes[k], (double)_linkBytes[k] / inputs, link?.BusySeconds)).ToList();
        return new RuntimeReport(inputs, _options.Batch, _pipeline.ThreadsPerStage, _options.Link, _data.HasLabels ? (double)_correct / inputs : null, inputs / wall,
            p50, p99, wall, stages, links);
    }

    public void Dispose() => _stop.Dispose();
}
