using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// gRPC channels to stage workers: plain HTTP/2 to a bare host:port, TLS to an https:// address, trusting
/// the system's roots and, when given, one more certificate (a self-signed worker's own).
/// </summary>
internal static class WorkerChannels
{
    public static GrpcChannel Open(string address, string? trustedCertificatePem)
    {
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            // A peer that vanishes without closing its socket is noticed within seconds, not at TCP's timeout
            // (one that dies closes it, which is noticed at once).
            KeepAlivePingDelay = TimeSpan.FromSeconds(5),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(5),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        };
        if (trustedCertificatePem is not null)
        {
            var trusted = X509Certificate2.CreateFromPem(File.ReadAllText(trustedCertificatePem));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || certificate is not null && TrustedBy(new X509Certificate2(certificate), trusted);
        }
        return GrpcChannel.ForAddress(Uri(address), new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = null,
            MaxSendMessageSize = null,
        });
    }

    /// <summary>An address as given (host:port, or a full http:// or https:// URI) as the URI a channel takes.</summary>
    public static string Uri(string address) =>
        address.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || address.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? address
            : $"http://{address}";

    private static bool TrustedBy(X509Certificate2 certificate, X509Certificate2 root)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
