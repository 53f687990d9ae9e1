using Grpc.Core;
using Microsoft.Extensions.Logging;
using QuiltNet.Graph;
using QuiltNet.Runtime.Distributed.Protocol;

namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// The one run a worker serves at a time. Loading a stage ends the run before it, so a coordinator that
/// restarts a run (or a worker restarted mid-way) needs nothing else restarted.
/// </summary>
internal sealed class WorkerState(WorkerOptions options, ILogger<WorkerState> log) : IDisposable
{
    private readonly object _gate = new();
    private WorkerRun? _current;

    public LoadReply Load(LoadRequest request)
    {
        byte[] model;
        try
        {
            model = request.SourceCase == LoadRequest.SourceOneofCase.Path
                ? StageSource.FromFolder(options.StageFolder, request.Path, request.Sha256)
                : StageSource.Uploaded(request.Onnx, request.Sha256);
        }
        catch (QuiltNetException e)
        {
            log.LogWarning("{Stage}: load refused: {Reason}", request.StageName, e.Message);
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
        IStageExecutor executor;
        try
        {
            executor = options.OpenStage(model, Math.Max(1, request.Threads));
        }
        catch (Exception e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"{request.StageName}: ONNX Runtime cannot load it ({OnnxRunner.Plain(e.Message)})"));
        }
        var run = new WorkerRun(request, executor, options, log);
        WorkerRun? previous;
        lock (_gate) (previous, _current) = (_current, run);
        previous?.Dispose();
        log.LogInformation("{Stage}: loaded for run {Run} ({Bytes} bytes, SHA-256 {Sha}), next: {Next}", request.StageName, request.RunId, model.Length,
            ManifestStage.Hash(model), request.NextAddress.Length > 0 ? $"{request.NextStageName} at {request.NextAddress}" : "the coordinator");
        return new LoadReply { Sha256 = ManifestStage.Hash(model) };
    }

    /// <summary>The run a call names in its headers; any other is refused.</summary>
    public WorkerRun Run(ServerCallContext context)
    {
        string? id = context.RequestHeaders.GetValue(CallHeaders.Run);
        var current = Volatile.Read(ref _current);
        return current is not null && current.RunId == id
            ? current
            : throw new RpcException(new Status(StatusCode.FailedPrecondition, $"run {id ?? "(none)"} is not loaded on this worker"));
    }

    public void Dispose() => _current?.Dispose();
}
