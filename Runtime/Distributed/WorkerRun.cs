using System.Diagnostics;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using QuiltNet.Graph;
using QuiltNet.Runtime.Distributed.Protocol;

namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// A worker's stage for one run: batches come in on <see cref="Pass"/>, are acknowledged as they leave the
/// link for a bounded inbox, run on ONNX Runtime one at a time, and go on to the next stage's worker over a
/// stream of this worker's own (or, on the last stage, to the coordinator's <see cref="Collect"/>). A failure
/// anywhere ends the run on this worker, cancels its streams and is logged with the stage, the peer and why.
/// </summary>
internal sealed class WorkerRun : IDisposable
{
    private readonly LoadRequest _request;
    private readonly IStageExecutor _executor;
    private readonly WorkerOptions _options;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<Batch> _results;
    private Grpc.Net.Client.GrpcChannel? _next;
    private WindowedSender? _sender;
    private long _busyTicks, _runningSince, _batches;
    private string? _failure;

    public WorkerRun(LoadRequest request, IStageExecutor executor, WorkerOptions options, ILogger log)
    {
        _request = request;
        _executor = executor;
        _options = options;
        _log = log;
        _results = Channel.CreateBounded<Batch>(Window);
    }

    public string RunId => _request.RunId;

    private int Window => Math.Max(1, _request.Window);

    private bool Last => _request.NextAddress.Length == 0;

    private string Self => $"{_request.StageName} at worker {_request.Address}";

    private string Next => $"{_request.NextStageName} at worker {_request.NextAddress}";

    public async Task Pass(IAsyncStreamReader<Batch> input, IServerStreamWriter<Ack> acks, ServerCallContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, _stop.Token);
        var inbox = Channel.CreateBounded<Batch>(Window);
        var compute = Task.Run(async () =>
        {
            try
            {
                await Compute(inbox.Reader, linked.Token);
            }
            catch
            {
                _stop.Cancel(); // stops the receiving loop below, which may be waiting for room in the inbox
                throw;
            }
        });
        int received = 0;
        try
        {
            await foreach (var batch in input.ReadAllAsync(linked.Token))
            {
                await inbox.Writer.WriteAsync(batch, linked.Token);
                // Not cancelled with the run: a cancelled write resets the HTTP/2 stream, and the upstream worker would then
                // see "connection lost" instead of the status this call ends with, which names the failure.
                await acks.WriteAsync(new Ack { Sequence = batch.Sequence }, context.CancellationToken);
                received++;
            }
            inbox.Writer.Complete();
            await compute;
            _log.LogInformation("{Stage}: stream from {Peer} ended after {Batches} batches, all passed on", Self, context.Peer, received);
        }
        catch (Exception e)
        {
            _stop.Cancel();
            Exception? computeFailure = null;
            try { await compute; }
            catch (Exception c) { computeFailure = c; }
            var failure = computeFailure switch
            {
                RpcException rpc => rpc,
                null or OperationCanceledException => Faults.Secondary($"{Self}: stream from upstream broke after {received} batches ({Faults.OneLine(e.Message)})"),
                _ => Faults.Primary(StatusCode.Internal, $"{Self}: {Faults.OneLine(computeFailure.Message)}"),
            };
            _results.Writer.TryComplete(failure);
            _log.LogWarning("{Stage}: stream from {Peer} ended: {Reason}", Self, context.Peer, failure.Status.Detail);
            throw failure;
        }
    }

    public async Task Collect(IServerStreamWriter<Batch> output, ServerCallContext context)
    {
        if (!Last)
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"{Self}: not the last stage; results leave from the last one"));
        // Ends with the results channel, which a failed or replaced run completes with its error.
        try
        {
            await foreach (var batch in _results.Reader.ReadAllAsync(context.CancellationToken))
                await output.WriteAsync(batch, context.CancellationToken);
        }
        catch (ChannelClosedException e) when (e.InnerException is RpcException failure)
        {
            throw failure; // the run's failure, as Pass ended it
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            _log.LogWarning("{Stage}: results stream to {Peer} cancelled by the coordinator", Self, context.Peer);
            _stop.Cancel();
            throw;
        }
    }

    public StatsReply Stats() => new()
    {
        Batches = Interlocked.Read(ref _batches),
        BusySeconds = Interlocked.Read(ref _busyTicks) / (double)Stopwatch.Frequency,
        BytesSent = _sender?.BytesSent ?? 0,
        LinkBusySeconds = _sender?.BusySeconds ?? 0,
        RunningSeconds = Interlocked.Read(ref _runningSince) is var since and > 0 ? Stopwatch.GetElapsedTime(since).TotalSeconds : 0,
        Failure = Volatile.Read(ref _failure) ?? "",
    };

    private async Task Compute(ChannelReader<Batch> inbox, CancellationToken cancellation)
    {
        if (!Last) _sender = OpenNext(cancellation);
        await foreach (var batch in inbox.ReadAllAsync(cancellation))
        {
            var result = new Batch { Sequence = batch.Sequence };
            result.Tensors.Add(Run(batch, cancellation).Select(o => TensorCodec.Encode(o.Key, o.Value, _request.LinkBits.TryGetValue(o.Key, out int bits) ? bits : o.Value.ElementType.Bits())));
            if (Interlocked.Increment(ref _batches) == 1)
                _log.LogInformation("{Stage}: first batch done, {Seconds:0.000} s busy (session warm-up included)", Self, Stats().BusySeconds);
            if (_sender is null) await _results.Writer.WriteAsync(result, cancellation);
            else await Forward(() => _sender.SendAsync(result));
        }
        if (_sender is null) _results.Writer.TryComplete();
        else await Forward(_sender.CompleteAsync);
    }

    private Dictionary<string, HostTensor> Run(Batch batch, CancellationToken cancellation)
    {
        long started = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref _runningSince, started);
        try
        {
            return _executor.Run(batch.Tensors.ToDictionary(t => t.Name, TensorCodec.Decode), cancellation);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            // Kept for Stats: the stream that would carry this status upstream may be reset before its trailers arrive.
            string failure = $"{Self}: failed on batch {batch.Sequence}: {Faults.OneLine(e.Message)}";
            Interlocked.CompareExchange(ref _failure, failure, null);
            throw Faults.Primary(StatusCode.Internal, failure);
        }
        finally
        {
            Interlocked.Exchange(ref _runningSince, 0);
            Interlocked.Add(ref _busyTicks, Stopwatch.GetTimestamp() - started);
        }
    }

    private WindowedSender OpenNext(CancellationToken cancellation)
    {
        _next = WorkerChannels.Open(_request.NextAddress, _options.TrustedCertificatePem);
        var call = new StageWorker.StageWorkerClient(_next).Pass(CallHeaders.For(_options.Token, RunId), cancellationToken: cancellation);
        _log.LogInformation("{Stage}: streaming to {Next}", Self, Next);
        return new WindowedSender(call, Window, cancellation);
    }

    /// <summary>A failure of the next worker, as this worker reports it upstream: relayed if that worker named it, else named here.</summary>
    private async Task Forward(Func<Task> send)
    {
        try
        {
            await send();
        }
        catch (RpcException e) when (Faults.IsMarked(e))
        {
            throw Faults.Relayed(e);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            throw Faults.Primary(StatusCode.Unauthenticated, $"{Next}: refused {Self}'s token ({e.Status.Detail})");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            string why = e is RpcException rpc ? Faults.Describe(rpc) : Faults.OneLine(e.Message);
            throw Faults.Primary(StatusCode.Unavailable, $"{Next}: connection lost ({why})");
        }
    }

    public void Dispose()
    {
        _results.Writer.TryComplete(Faults.Secondary($"{Self}: replaced by a newer run"));
        _stop.Cancel();
        _sender?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _next?.Dispose();
        _executor.Dispose();
        _stop.Dispose();
    }
}
