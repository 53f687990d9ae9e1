using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace QuiltNet.Runtime.Distributed;

/// <summary>Refuses, as Unauthenticated, every call that does not carry the worker's bearer token.</summary>
internal sealed class TokenInterceptor(WorkerOptions options) : Interceptor
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes($"Bearer {options.Token}");

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(requestStream, responseStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Check(context);
        return continuation(request, responseStream, context);
    }

    private void Check(ServerCallContext context)
    {
        string? given = context.RequestHeaders.GetValue(CallHeaders.Authorization);
        // Constant time, so the comparison does not leak how much of a guess was right.
        if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _expected))
            throw new RpcException(new Status(StatusCode.Unauthenticated, given is null ? "no bearer token" : "wrong bearer token"));
    }
}
