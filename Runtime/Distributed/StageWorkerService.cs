using Grpc.Core;
using QuiltNet.Runtime.Distributed.Protocol;

namespace QuiltNet.Runtime.Distributed;

/// <summary>The gRPC face of a stage worker; the work is in <see cref="WorkerState"/> and <see cref="WorkerRun"/>.</summary>
internal sealed class StageWorkerService(WorkerState state) : StageWorker.StageWorkerBase
{
    public override Task<LoadReply> Load(LoadRequest request, ServerCallContext context) => Task.FromResult(state.Load(request));

    public override Task Pass(IAsyncStreamReader<Batch> requestStream, IServerStreamWriter<Ack> responseStream, ServerCallContext context) =>
        state.Run(context).Pass(requestStream, responseStream, context);

    public override Task Collect(RunRef request, IServerStreamWriter<Batch> responseStream, ServerCallContext context) =>
        state.Run(context).Collect(responseStream, context);

    public override Task<StatsReply> Stats(RunRef request, ServerCallContext context) => Task.FromResult(state.Run(context).Stats());
}
