using System.Diagnostics;
using Grpc.Core;
using QuiltNet.Runtime.Distributed.Protocol;

namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// The sending end of a link into a stage worker: at most <c>window</c> batches unacknowledged, so a slow
/// receiver stops the sender (on top of HTTP/2's own flow control) and nothing queues without bound. Counts
/// the bytes sent and the time at least one batch waited for its ack, the link's busy time. A failure of
/// the call, seen by either direction, is what every later send throws.
/// </summary>
internal sealed class WindowedSender : IAsyncDisposable
{
    private readonly AsyncDuplexStreamingCall<Batch, Ack> _call;
    private readonly SemaphoreSlim _room;
    private readonly CancellationTokenSource _failed;
    private readonly Task _acks;
    private readonly object _gate = new();
    private int _unacked;
    private long _busySince, _busyTicks;
    private Exception? _failure;

    public WindowedSender(AsyncDuplexStreamingCall<Batch, Ack> call, int window, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _call = call;
        _room = new SemaphoreSlim(window, window);
        _failed = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _acks = Task.Run(ReadAcks);
    }

    /// <summary>Ends when the receiver ends the call, by finishing or failing (then it holds the failure).</summary>
    public Task Closed => _acks;

    /// <summary>What ended the call early, if anything has.</summary>
    public Exception? Error => _failure;

    public long BytesSent { get; private set; }

    public int Acknowledged { get; private set; }

    public double BusySeconds
    {
        get
        {
            lock (_gate) return (_busyTicks + (_unacked > 0 ? Stopwatch.GetTimestamp() - _busySince : 0)) / (double)Stopwatch.Frequency;
        }
    }

    /// <summary>Sends once the window has room; throws the link's failure if it has failed.</summary>
    public async Task SendAsync(Batch batch)
    {
        try
        {
            await _room.WaitAsync(_failed.Token).ConfigureAwait(false);
            lock (_gate)
                if (_unacked++ == 0) _busySince = Stopwatch.GetTimestamp();
            BytesSent += TensorCodec.LinkBytes(batch);
            await _call.RequestStream.WriteAsync(batch, _failed.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not RpcException || _failure is not null)
        {
            throw await Failure(e).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the stream and waits until every batch sent has been acknowledged.</summary>
    public async Task CompleteAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            throw await Failure(e).ConfigureAwait(false);
        }
        await _acks.ConfigureAwait(false);
        if (_failure is { } failure) throw failure;
    }

    private async Task ReadAcks()
    {
        try
        {
            await foreach (var _ in _call.ResponseStream.ReadAllAsync(_failed.Token).ConfigureAwait(false))
            {
                lock (_gate)
                    if (--_unacked == 0) _busyTicks += Stopwatch.GetTimestamp() - _busySince;
                Acknowledged++;
                _room.Release();
            }
        }
        catch (Exception e)
        {
            _failure ??= e;
            _failed.Cancel();
        }
    }

    /// <summary>
    /// The call's own failure rather than its symptom on this side (a cancelled wait, a write to a call
    /// that already ended): the ack reader sees the status the receiver ended the call with.
    /// </summary>
    private async Task<Exception> Failure(Exception seen)
    {
        await Task.WhenAny(_acks, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        return _failure ?? seen;
    }

    public async ValueTask DisposeAsync()
    {
        _failed.Cancel();
        _call.Dispose();
        await _acks.ConfigureAwait(false);
        _failed.Dispose();
        _room.Dispose();
    }
}
