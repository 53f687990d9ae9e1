using Grpc.Core;

namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// How a worker ends a call that failed: one line naming the stage and worker where the failure began,
/// marked primary there and passed on unchanged by the workers before it; a worker whose incoming stream
/// merely broke marks its error secondary, so the coordinator reports the cause, not a consequence.
/// </summary>
internal static partial class Faults
{
    public static RpcException Primary(StatusCode code, string message) => Marked(code, message, "primary");

    public static RpcException Secondary(string message) => Marked(StatusCode.Aborted, message, "secondary");

    public static bool IsPrimary(RpcException e) => e.Trailers.GetValue(CallHeaders.Fault) == "primary";

    public static bool IsMarked(RpcException e) => e.Trailers.GetValue(CallHeaders.Fault) is not null;

    /// <summary>A failure another worker reported, passed on as it came.</summary>
    public static RpcException Relayed(RpcException e) => Marked(e.StatusCode, e.Status.Detail, e.Trailers.GetValue(CallHeaders.Fault)!);

    /// <summary>
    /// Why a call to a worker failed, for a person: the status and what the transport said, without the
    /// exception type names the gRPC client strings into its detail.
    /// </summary>
    public static string Describe(RpcException e) =>
        $"{e.StatusCode}: {ExceptionNames().Replace(OneLine(e.Status.Detail), "").Replace("  ", " ").Trim()}";

    [System.Text.RegularExpressions.GeneratedRegex(@"\b\w*Exception: ")]
    private static partial System.Text.RegularExpressions.Regex ExceptionNames();

    /// <summary>ONNX Runtime and sockets spread one error over several lines; an error here is one.</summary>
    public static string OneLine(string message) => string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static RpcException Marked(StatusCode code, string message, string fault) =>
        new(new Status(code, message), new Metadata { { CallHeaders.Fault, fault } });
}
