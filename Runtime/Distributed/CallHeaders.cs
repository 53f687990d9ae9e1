using Grpc.Core;

namespace QuiltNet.Runtime.Distributed;

/// <summary>The metadata every call carries: the bearer token, when there is one, and the run it belongs to.</summary>
internal static class CallHeaders
{
    public const string Authorization = "authorization";
    public const string Run = "quiltnet-run";

    /// <summary>Trailer on a failed call: "primary" where the failure began, "secondary" where a broken stream was its consequence.</summary>
    public const string Fault = "quiltnet-fault";

    public static Metadata For(string? token, string runId)
    {
        var headers = new Metadata { { Run, runId } };
        if (token is not null) headers.Add(Authorization, $"Bearer {token}");
        return headers;
    }
}
