using System.CommandLine;
using QuiltNet.Cli.Output;
using QuiltNet.Data;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Runtime;
using QuiltNet.Runtime.Distributed;

namespace QuiltNet.Cli.Commands;

public static class RunCommand
{
    public static Command Create(CommandIO io)
    {
        var stages = new Option<string?>("--stages") { Description = "Folder written by 'quiltnet split' (manifest.json and the stage files it lists)." };
        var plan = new Option<string?>("--plan") { Description = "plan.json written by 'quiltnet partition' or 'quiltnet optimize' (its stage files lie beside it)." };
        var linkGbps = new Option<double?>("--link-gbps") { Description = "Emulate a link of this many Gb/s between consecutive stages, in real time (bytes as sent: quantised codes at their bits)." };
        var linkLatency = new Option<double?>("--link-latency-us") { Description = "Emulated link latency, in microseconds: each transfer arrives this long after it leaves the wire, while the next is already sent (default 0)." };
        var data = new DataFlags("Samples to run, its evaluation split where it has splits (default: the bundled test subset). Data");
        var count = new Option<int?>("--count") { Description = "Inputs to run (default: all of the data)." };
        var batch = new Option<int>("--batch") { Description = "Inputs per inference; 1 measures per-inference latency.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads of each stage's session.", DefaultValueFactory = _ => 1 };
        var workers = new Option<string?>("--workers") { Description = "Run across 'quiltnet serve' workers instead of in process: one host:port (https://host:port for TLS) per stage, comma-separated, in stage order." };
        var hosts = new Option<string?>("--hosts") { Description = "File mapping each stage to its worker, one 'NAME ADDRESS' a line: NAME is the plan's chip id or the stage index." };
        var window = new Option<int>("--window") { Description = "Batches in flight on each link (and queued before each stage): a slow stage throttles the ones before it.", DefaultValueFactory = _ => 4 };
        var token = new Option<string?>("--token") { Description = "Bearer token the workers require." };
        var tokenFile = new Option<string?>("--token-file") { Description = "Read the workers' token from this file (first line)." };
        var timeout = new Option<double>("--timeout") { Description = "End the run when a stage has worked on one batch (across workers: when no result has come) for this many seconds, naming the stage that stalled.", DefaultValueFactory = _ => 60 };
        var tlsCa = new Option<string?>("--tls-ca") { Description = "PEM certificate the workers' TLS certificates may chain to (a self-signed worker's own)." };
        var stagesOnWorkers = new Option<bool>("--stages-on-workers") { Description = "Workers read each stage from their own --stage-folder by file name (SHA-256 still checked) instead of receiving it." };
        var json = SharedOptions.Json();
        var command = new Command("run",
            "Run the stages as a pipeline, one thread and one ONNX Runtime session per stage with bounded queues between them, " +
            "optionally over an emulated link, or across 'quiltnet serve' workers streaming straight to each other, and measure " +
            "top-1 accuracy, throughput, latency percentiles, per-stage busy time and bytes per link.")
        {
            stages, plan, linkGbps, linkLatency, count, batch, threads, workers, hosts, window, token, tokenFile, timeout, tlsCa, stagesOnWorkers, json,
        };
        foreach (var option in data.All) command.Options.Add(option);
        // Asynchronous, so the command line's Ctrl+C handler is in place (and cancels the token) while the run goes on.
        command.SetAction((result, cancellation) => Task.Run(() => io.GuardAsync(async () =>
        {
            var link = result.GetValue(linkGbps) is null && result.GetValue(linkLatency) is null
                ? null
                : LinkEmulation.FromGigabits(result.GetValue(linkGbps), result.GetValue(linkLatency) ?? 0);
            int capacity = result.GetValue(window);
            if (capacity < 1) throw new QuiltNetException("--window", $"must be at least 1, got {capacity}");
            double seconds = result.GetValue(timeout);
            if (!(seconds > 0 && seconds <= 86_400))
                throw new QuiltNetException("--timeout", $"must be more than 0 and at most 86400 seconds, got {seconds}");
            var options = new RuntimeOptions
            {
                Batch = result.GetValue(batch),
                Count = result.GetValue(count),
                Link = link,
                ChannelCapacity = capacity,
                StallTimeout = TimeSpan.FromSeconds(seconds),
            };
            var specs = StageFolder.Load(Folder(result.GetValue(stages), result.GetValue(plan)));
            var images = data.One(result.GetValue(data.Data) ?? BundledExamples.DataFolder, result, specs[0].Inputs.FirstOrDefault()?.Shape, null);
            if (specs is [.., { Outputs: [var logits, ..] }]) DataShapes.CheckClasses(images, logits.Shape, logits.Name);
            var addresses = WorkerAddresses.Of(result.GetValue(workers), result.GetValue(hosts), result.GetValue(plan), specs.Count);
            RuntimeReport report;
            if (addresses is null)
            {
                using var pipeline = StagePipeline.Open(specs, result.GetValue(threads));
                report = pipeline.Run(images, options, cancellation);
            }
            else
            {
                if (link is not null)
                    throw new QuiltNetException("--link-gbps", "links between workers are real; emulate links only in process");
                if (result.GetValue(threads) < 1)
                    throw new QuiltNetException("--threads", $"must be at least 1, got {result.GetValue(threads)}");
                report = await DistributedPipeline.RunAsync(specs, addresses, images, options, new DistributedOptions
                {
                    Token = ServeCommand.Token(result.GetValue(token), result.GetValue(tokenFile)),
                    Timeout = TimeSpan.FromSeconds(seconds),
                    ThreadsPerStage = result.GetValue(threads),
                    TrustedCertificatePem = ServeCommand.Existing(result.GetValue(tlsCa)),
                    StagesOnWorkers = result.GetValue(stagesOnWorkers),
                }, cancellation);
            }
            if (result.GetValue(json)) JsonOutput.Write(io.Output, report);
            else RuntimeTables.Write(io.Console(), report);
            return 0;
        })));
        return command;
    }

    /// <summary>The split folder to run: given, or the one a plan was written into, once the plan and its stages check out.</summary>
    private static string Folder(string? stages, string? plan) => (stages, plan) switch
    {
        (null, null) => throw new QuiltNetException("--stages", "give the stages to run: --stages FOLDER or --plan plan.json"),
        ({ }, { }) => throw new QuiltNetException("--plan", "give either --stages or --plan, not both"),
        ({ } folder, null) => folder,
        (null, { } file) => PlanFolder(file),
    };

    private static string PlanFolder(string file)
    {
        PlanFile.Read(file); // refuses a plan that breaks the schema, or whose stage files are missing or changed
        return PlanFile.FolderOf(file);
    }
}
