using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// A stage worker: an ASP.NET Core host serving the stage-worker gRPC service over HTTP/2 (TLS when given
/// a certificate), on loopback unless told otherwise. Start it, serve runs until stopped.
/// </summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WorkerHost(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>host:port (https://host:port under TLS) as a coordinator would give it.</summary>
    public string Address { get; }

    /// <summary>Starts listening; the worker then serves runs until disposed.</summary>
    /// <param name="options">Where to listen, the stage folder, token and TLS.</param>
    /// <param name="log">Where the worker's log lines go (stage, peer, and why each stream ended); null logs nothing.</param>
    /// <param name="cancellation">Gives up starting.</param>
    public static async Task<WorkerHost> StartAsync(WorkerOptions options, TextWriter? log = null, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMessageBytes, 1);
        if (options.Port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(options), $"port {options.Port} is not a TCP port");
        // Stage runs block a thread each; more of them than cores must not wait for the pool to grow.
        ThreadPool.GetMinThreads(out int workers, out int io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), io);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (log is not null) builder.Logging.AddProvider(new LineLoggerProvider(log));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning).AddFilter("Grpc", LogLevel.Warning);
        var certificate = options.Tls is var (cert, key) ? X509Certificate2.CreateFromPemFile(cert, key) : null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(options.Listen, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (certificate is not null) listen.UseHttps(certificate);
            });
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<WorkerState>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = options.MaxMessageBytes;
            grpc.MaxSendMessageSize = null;
            grpc.EnableDetailedErrors = false;
            if (options.Token is not null) grpc.Interceptors.Add<TokenInterceptor>();
        });
        var app = builder.Build();
        app.MapGrpcService<StageWorkerService>();
        await app.StartAsync(cancellation).ConfigureAwait(false);

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        string host = options.Listen.Equals(IPAddress.Any) || options.Listen.Equals(IPAddress.IPv6Any) ? Dns.GetHostName()
            : options.Listen.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{options.Listen}]" : options.Listen.ToString();
        return new WorkerHost(app, certificate is null ? $"{host}:{bound.Port}" : $"https://{host}:{bound.Port}");
    }

    /// <summary>Serves until <paramref name="cancellation"/> is cancelled.</summary>
    public Task WaitAsync(CancellationToken cancellation) => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app, cancellation);

    /// <summary>Stops listening, giving calls in flight two seconds to end.</summary>
    public async ValueTask DisposeAsync()
    {
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(grace.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
