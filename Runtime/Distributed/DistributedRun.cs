using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using QuiltNet.Data;
using QuiltNet.Data.Metrics;
using QuiltNet.Graph;
using QuiltNet.Runtime.Distributed.Protocol;

namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// One run across workers, from the coordinator's side: load every stage, open the last worker's results
/// stream, feed the first worker through a bounded window, score results as they come. One warm-up batch
/// goes through first, untimed, as the in-process run warms up. The first failure anywhere ends the run;
/// the cause is told from its consequences (a broken stream behind a dead worker) by the mark workers put
/// on their errors, so the report names where it began. Disposing closes the channels (not the workers).
/// </summary>
internal sealed class DistributedRun : IAsyncDisposable
{
    /// <summary>How long, after a first failure that is not itself the cause, the other direction may take to bring the cause.</summary>
    private static readonly TimeSpan CauseGrace = TimeSpan.FromMilliseconds(1200);

    private readonly IReadOnlyList<StageSpec> _stages;
    private readonly IReadOnlyList<string> _workers;
    private readonly SampleSet _data;
    private readonly RuntimeOptions _options;
    private readonly DistributedOptions _distributed;
    private readonly IReadOnlyList<TensorInfo> _inputs;
    private readonly string _logits;
    private readonly List<(int Start, int Count)> _batches;
    private readonly GrpcChannel[] _channels;
    private readonly StageWorker.StageWorkerClient[] _clients;
    private readonly Metadata _headers;
    private readonly string _runId = Guid.NewGuid().ToString("N");
    private readonly long[] _sentAt, _latencies;
    private int _correct, _completed;
    private long _startedAt, _finishedAt, _lastProgress;

    public DistributedRun(IReadOnlyList<StageSpec> stages, IReadOnlyList<string> workers, SampleSet data, RuntimeOptions options, DistributedOptions distributed)
    {
        _stages = stages;
        _workers = workers;
        _data = data;
        _options = options;
        _distributed = distributed;
        (_inputs, _logits) = PipelineEnds.Of(stages);
        _batches = RunBatches.Plan(_inputs[0], stages[0].Name, data, options);
        _channels = workers.Select(w => WorkerChannels.Open(w, distributed.TrustedCertificatePem)).ToArray();
        _clients = _channels.Select(c => new StageWorker.StageWorkerClient(c)).ToArray();
        _headers = CallHeaders.For(distributed.Token, _runId);
        _sentAt = new long[_batches.Count];
        _latencies = new long[_batches.Count];
    }

    private int Total => _batches.Sum(b => b.Count);

    private string Where(int k) => $"{_stages[k].Name} at worker {_workers[k]}";

    public async Task<RuntimeReport> ExecuteAsync(CancellationToken cancellation)
    {
        var loads = _stages.Select((_, k) => Load(k, cancellation)).ToList();
        try
        {
            await Task.WhenAll(loads).ConfigureAwait(false);
        }
        catch (PipelineStoppedException)
        {
            // Every worker that refused has said so; the first in stage order is reported.
            throw loads.First(l => l.IsFaulted).Exception!.InnerException!;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var collect = _clients[^1].Collect(new RunRef { RunId = _runId }, _headers, cancellationToken: stop.Token);
        await using var feed = new WindowedSender(_clients[0].Pass(_headers, cancellationToken: stop.Token), _options.ChannelCapacity, stop.Token);
        var warmedUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _lastProgress = Stopwatch.GetTimestamp();
        var running = new List<Task>
        {
            Task.Run(() => Feed(feed, warmedUp.Task, stop.Token)),
            Task.Run(() => Collect(collect.ResponseStream, warmedUp, stop.Token)),
        };
        if (_distributed.Timeout is { } timeout) running.Add(Task.Run(() => Watch(timeout, stop.Token)));

        // The feed and the results end on their own; the watchdog only by failing.
        var pending = new List<Task>(running);
        Task? failed = null;
        while (failed is null && running.Take(2).Any(t => !t.IsCompleted))
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            if (!done.IsCompletedSuccessfully) failed = done;
        }
        if (failed is not null)
        {
            // A consequence (a broken stream behind a dead worker) may come before its cause, which comes the other way round the chain.
            if (failed.Exception?.InnerException is not RunFault { Rank: <= RunFault.Stall })
                await Task.WhenAny(Task.WhenAll(running.Take(2)), Task.Delay(CauseGrace, CancellationToken.None)).ConfigureAwait(false);
            var errors = running.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!).ToList();
            stop.Cancel();
            await Task.WhenAny(Task.WhenAll(running), Task.Delay(CauseGrace, CancellationToken.None)).ConfigureAwait(false);
            if (cancellation.IsCancellationRequested)
                throw PipelineStoppedException.Cancellation($"{_completed} of {Total} inputs completed", new OperationCanceledException(cancellation));
            throw await CauseAsync(errors).ConfigureAwait(false);
        }
        stop.Cancel();
        await Task.WhenAny(Task.WhenAll(running), Task.Delay(CauseGrace, CancellationToken.None)).ConfigureAwait(false);
        return await Report().ConfigureAwait(false);
    }

    private async Task Load(int k, CancellationToken cancellation)
    {
        var stage = _stages[k];
        byte[] bytes = File.ReadAllBytes(stage.ModelPath);
        var request = new LoadRequest
        {
            RunId = _runId,
            StageIndex = k,
            StageName = stage.Name,
            Address = _workers[k],
            Sha256 = ManifestStage.Hash(bytes),
            NextAddress = k + 1 < _workers.Count ? _workers[k + 1] : "",
            NextStageName = k + 1 < _stages.Count ? _stages[k + 1].Name : "",
            Threads = _distributed.ThreadsPerStage,
            Window = _options.ChannelCapacity,
        };
        if (_distributed.StagesOnWorkers) request.Path = Path.GetFileName(stage.ModelPath);
        else request.Onnx = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(bytes);
        foreach (var output in stage.Outputs) request.LinkBits[output.Name] = output.LinkBits;
        try
        {
            await _clients[k].LoadAsync(request, _headers, DateTime.UtcNow.AddMinutes(2), cancellation).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancellation.IsCancellationRequested)
        {
            string problem = e.StatusCode switch
            {
                StatusCode.InvalidArgument => $"refused the stage: {e.Status.Detail}",
                StatusCode.Unauthenticated => $"refused the token: {e.Status.Detail}",
                _ => $"cannot be reached ({Faults.Describe(e)})",
            };
            throw PipelineStoppedException.WorkerFailed(Where(k), problem, 0, Total, e);
        }
    }

    private async Task Feed(WindowedSender feed, Task warmedUp, CancellationToken cancellation)
    {
        try
        {
            await FeedAll(feed, warmedUp, cancellation).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Fault(0, e);
        }
    }

    private async Task FeedAll(WindowedSender feed, Task warmedUp, CancellationToken cancellation)
    {
        await feed.SendAsync(Message(-1, _batches[0])).ConfigureAwait(false);
        // A worker that dies before the warm-up batch is through ends the feed, maybe before anything reaches the last worker.
        if (await Task.WhenAny(warmedUp, feed.Closed).WaitAsync(cancellation).ConfigureAwait(false) != warmedUp)
            throw feed.Error ?? new RunFault(Where(0), "ended the stream before the warm-up batch came back", RunFault.Consequence);
        _startedAt = Stopwatch.GetTimestamp();
        for (int b = 0; b < _batches.Count; b++)
        {
            Volatile.Write(ref _sentAt[b], Stopwatch.GetTimestamp());
            await feed.SendAsync(Message(b, _batches[b])).ConfigureAwait(false);
        }
        await feed.CompleteAsync().ConfigureAwait(false);
    }

    private Batch Message(int sequence, (int Start, int Count) batch)
    {
        var message = new Batch { Sequence = sequence };
        foreach (var (name, tensor) in _data.Feeds(batch.Start, batch.Count, _inputs))
            message.Tensors.Add(TensorCodec.Encode(name, tensor, 32));
        return message;
    }

    private async Task Collect(IAsyncStreamReader<Batch> results, TaskCompletionSource warmedUp, CancellationToken cancellation)
    {
        try
        {
            await CollectAll(results, warmedUp, cancellation).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw Fault(_stages.Count - 1, e);
        }
    }

    private async Task CollectAll(IAsyncStreamReader<Batch> results, TaskCompletionSource warmedUp, CancellationToken cancellation)
    {
        int batches = 0;
        await foreach (var result in results.ReadAllAsync(cancellation).ConfigureAwait(false))
        {
            long now = Stopwatch.GetTimestamp();
            Volatile.Write(ref _lastProgress, now);
            if (result.Sequence < 0)
            {
                warmedUp.TrySetResult();
                continue;
            }
            int b = checked((int)result.Sequence);
            var (start, count) = _batches[b];
            var logits = result.Tensors.FirstOrDefault(t => t.Name == _logits)
                ?? throw new RunFault(Where(_stages.Count - 1), $"returned no tensor '{_logits}' to score", RunFault.Cause);
            if (_data.Labels is { } labels)
                _correct += Top1.Correct(TensorCodec.Decode(logits), labels.AsSpan(start, count));
            _latencies[b] = now - Volatile.Read(ref _sentAt[b]);
            _finishedAt = now;
            Interlocked.Add(ref _completed, count);
            batches++;
        }
        if (batches < _batches.Count)
            throw new RunFault(Where(_stages.Count - 1), $"results stream ended after {batches} of {_batches.Count} batches", RunFault.Consequence);
    }

    /// <summary>Ends a run that has had no result for <paramref name="timeout"/>, naming the stage whose batch has run longest, or that does not answer.</summary>
    private async Task Watch(TimeSpan timeout, CancellationToken cancellation)
    {
        var tick = TimeSpan.FromTicks(Math.Min(timeout.Ticks / 4, TimeSpan.FromMilliseconds(250).Ticks));
        while (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastProgress)) < timeout)
            await Task.Delay(tick, cancellation).ConfigureAwait(false);
        var states = await Task.WhenAll(_clients.Select(async (client, k) =>
        {
            try
            {
                return (k, Reply: await client.StatsAsync(new RunRef { RunId = _runId }, _headers, DateTime.UtcNow.AddSeconds(1), cancellation), Error: (RpcException?)null);
            }
            catch (RpcException e)
            {
                return (k, Reply: (StatsReply?)null, Error: e);
            }
        })).ConfigureAwait(false);
        string seconds = timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
        if (states.FirstOrDefault(s => s.Error is not null) is { Error: { } error } silent)
            throw new RunFault(Where(silent.k), $"no result for {seconds} s, and the worker does not answer ({error.StatusCode})", RunFault.Stall);
        var longest = states.MaxBy(s => s.Reply!.RunningSeconds);
        throw longest.Reply!.RunningSeconds > 0
            ? new RunFault(Where(longest.k), string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"batch running for {longest.Reply.RunningSeconds:0.#} s, no result for {seconds} s (past the timeout)"), RunFault.Stall)
            : new RunFault("run", $"no result for {seconds} s (past the timeout), and no stage is running a batch", RunFault.Stall);
    }

    /// <summary>
    /// A failed call of the coordinator's own (the feed into worker <paramref name="k"/> or the results from it):
    /// a worker's marked error says where it began; an unmarked one is the coordinator's peer itself lost.
    /// </summary>
    private RunFault Fault(int k, RpcException e)
    {
        if (Faults.IsMarked(e))
        {
            string detail = e.Status.Detail;
            int colon = detail.IndexOf(": ", StringComparison.Ordinal);
            return new RunFault(colon < 0 ? Where(k) : detail[..colon], colon < 0 ? detail : detail[(colon + 2)..],
                Faults.IsPrimary(e) ? RunFault.Cause : RunFault.Consequence, e);
        }
        return e.StatusCode == StatusCode.Unauthenticated
            ? new RunFault(Where(k), $"refused the token: {e.Status.Detail}", RunFault.Cause, e)
            : new RunFault(Where(k), $"connection lost ({Faults.Describe(e)})", RunFault.PeerLost, e);
    }

    /// <summary>
    /// The failure to report: the one nearest its cause; cancellations that followed it are not failures. A worker
    /// reported lost may only have ended its stream on a failure of its own whose status never arrived: it is asked.
    /// </summary>
    private async Task<PipelineStoppedException> CauseAsync(IReadOnlyList<Exception> errors)
    {
        // Among faults of one rank the earliest stage's wins: a stage after a failed one fails because of it.
        var fault = errors.OfType<RunFault>().OrderBy(f => f.Rank)
            .ThenBy(f => Enumerable.Range(0, _stages.Count).FirstOrDefault(k => Where(k) == f.Where, _stages.Count)).FirstOrDefault();
        if (fault is not null && fault.Problem.StartsWith("connection lost", StringComparison.Ordinal)
            && Enumerable.Range(0, _stages.Count).FirstOrDefault(k => Where(k) == fault.Where, -1) is var lost and >= 0)
        {
            try
            {
                var stats = await _clients[lost].StatsAsync(new RunRef { RunId = _runId }, _headers, DateTime.UtcNow.AddSeconds(1)).ResponseAsync.ConfigureAwait(false);
                int colon = stats.Failure.IndexOf(": ", StringComparison.Ordinal);
                if (colon > 0) fault = new RunFault(stats.Failure[..colon], stats.Failure[(colon + 2)..], RunFault.Cause, fault);
            }
            catch (RpcException)
            {
                // Lost indeed: the connection-lost fault stands.
            }
        }
        return fault is not null
            ? PipelineStoppedException.WorkerFailed(fault.Where, fault.Problem, _completed, Total, fault)
            : PipelineStoppedException.WorkerFailed("run", Faults.OneLine(errors.FirstOrDefault()?.Message ?? "stopped"), _completed, Total, errors.FirstOrDefault() ?? new OperationCanceledException());
    }

    private async Task<RuntimeReport> Report()
    {
        double wall = Stopwatch.GetElapsedTime(_startedAt, _finishedAt).TotalSeconds;
        var stats = await Task.WhenAll(_clients.Select(c => c.StatsAsync(new RunRef { RunId = _runId }, _headers, DateTime.UtcNow.AddSeconds(10)).ResponseAsync)).ConfigureAwait(false);
        int inputs = Total;
        var (p50, p99) = BatchLatencies.Percentiles(_batches, _latencies);
        var stages = _stages.Select((s, k) => new StageBusy(s.Name, stats[k].BusySeconds, stats[k].BusySeconds / wall)).ToList();
        // Worker k's bytes count the warm-up batch too, and so does the per-input figure's denominator.
        var links = Enumerable.Range(0, _stages.Count - 1).Select(k => new LinkTraffic(_stages[k].Name, _stages[k + 1].Name, stats[k].BytesSent,
            (double)stats[k].BytesSent / (inputs + _batches[0].Count), stats[k].LinkBusySeconds)
        {
            MeasuredBytesPerSecond = stats[k].LinkBusySeconds > 0 ? stats[k].BytesSent / stats[k].LinkBusySeconds : null,
        }).ToList();
        return new RuntimeReport(inputs, _options.Batch, _distributed.ThreadsPerStage, null, _data.HasLabels ? (double)_correct / inputs : null, inputs / wall, p50, p99, wall, stages, links)
        {
            Workers = _workers,
        };
    }

    public ValueTask DisposeAsync()
    {
        foreach (var channel in _channels) channel.Dispose();
        return ValueTask.CompletedTask;
    }
}
