using System.CommandLine;
using System.Net;
using QuiltNet.Graph;
using QuiltNet.Runtime.Distributed;

namespace QuiltNet.Cli.Commands;

/// <summary><c>quiltnet serve</c>: a stage worker that <c>quiltnet run --workers</c> loads a stage into and streams batches through.</summary>
public static class ServeCommand
{
    public static Command Create(CommandIO io)
    {
        var port = new Option<int>("--port") { Description = "TCP port to listen on (0: any free port; the address is printed).", DefaultValueFactory = _ => 5000 };
        var listen = new Option<string>("--listen") { Description = "Address to listen on: loopback unless other machines must reach this worker (e.g. 0.0.0.0).", DefaultValueFactory = _ => "127.0.0.1" };
        var stageFolder = new Option<string?>("--stage-folder") { Description = "The only folder callers may name stage files in (run --stages-on-workers); nothing outside it is opened." };
        var token = new Option<string?>("--token") { Description = "Refuse every call that does not carry this bearer token; sent on to the next worker too." };
        var tokenFile = new Option<string?>("--token-file") { Description = "Read the token from this file (first line), so it stays out of the process list." };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate: serve (and call the next worker) over TLS. Needs --tls-key." };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert." };
        var tlsCa = new Option<string?>("--tls-ca") { Description = "PEM certificate the next worker's certificate may chain to (a self-signed peer's own)." };
        var maxStageMb = new Option<int>("--max-stage-mb") { Description = "Largest stage file (and message) accepted, in MiB.", DefaultValueFactory = _ => 512 };
        var command = new Command("serve",
            "Serve as a stage worker: load the stage a coordinator sends (checked against its SHA-256), run it on ONNX Runtime " +
            "and stream its outputs straight to the next stage's worker over gRPC. Runs until Ctrl+C.")
        {
            port, listen, stageFolder, token, tokenFile, tlsCert, tlsKey, tlsCa, maxStageMb,
        };
        command.SetAction((result, cancellation) => io.GuardAsync(async () =>
        {
            var options = new WorkerOptions
            {
                Listen = IPAddress.TryParse(result.GetValue(listen), out var address) ? address
                    : throw new QuiltNetException("--listen", $"'{result.GetValue(listen)}' is not an IP address"),
                Port = Within(result.GetValue(port), 0, 65535, "--port"),
                StageFolder = result.GetValue(stageFolder) is { } folder
                    ? Directory.Exists(folder) ? folder : throw new QuiltNetException(folder, "stage folder not found")
                    : null,
                Token = Token(result.GetValue(token), result.GetValue(tokenFile)),
                MaxMessageBytes = Within(result.GetValue(maxStageMb), 1, 2047, "--max-stage-mb") << 20,
                Tls = Tls(result.GetValue(tlsCert), result.GetValue(tlsKey)),
                TrustedCertificatePem = Existing(result.GetValue(tlsCa)),
            };
            await using var worker = await WorkerHost.StartAsync(options, io.Error, cancellation);
            io.Output.WriteLine($"listening on {worker.Address}");
            io.Output.Flush();
            try
            {
                await worker.WaitAsync(cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                // Ctrl+C: a normal end for a server.
            }
            return 0;
        }));
        return command;
    }

    /// <summary>The token given inline or in a file; also used by <c>run</c>.</summary>
    internal static string? Token(string? inline, string? file) => (inline, file) switch
    {
        (null, null) => null,
        ({ }, { }) => throw new QuiltNetException("--token-file", "give either --token or --token-file, not both"),
        ({ } token, null) => token.Length > 0 ? token : throw new QuiltNetException("--token", "is empty"),
        (null, { } path) => File.Exists(path)
            ? File.ReadLines(path).FirstOrDefault()?.Trim() is { Length: > 0 } read ? read : throw new QuiltNetException(path, "holds no token on its first line")
            : throw new QuiltNetException(path, "token file not found"),
    };

    private static int Within(int value, int min, int max, string option) =>
        value >= min && value <= max ? value : throw new QuiltNetException(option, $"must be {min} to {max}, got {value}");

    internal static string? Existing(string? path) =>
        path is null || File.Exists(path) ? path : throw new QuiltNetException(path, "not found");

    private static (string, string)? Tls(string? certificate, string? key) => (certificate, key) switch
    {
        (null, null) => null,
        ({ } c, { } k) => (Existing(c)!, Existing(k)!),
        (null, _) => throw new QuiltNetException("--tls-key", "needs --tls-cert"),
        (_, null) => throw new QuiltNetException("--tls-cert", "needs --tls-key"),
    };
}
