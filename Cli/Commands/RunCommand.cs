using System.CommandLine;
using QuiltNet.Cli.Output;
using QuiltNet.Estimators.Runtime;
using QuiltNet.Graph;
using QuiltNet.Graph.Data;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Cli.Commands;

public static class RunCommand
{
    public static Command Create(CommandIO io)
    {
        var stages = new Option<string?>("--stages") { Description = "Folder written by 'quiltnet split' (manifest.json and the stage files it lists)." };
        var plan = new Option<string?>("--plan") { Description = "plan.json written by 'quiltnet partition' or 'quiltnet optimize' (its stage files lie beside it)." };
        var linkGbps = new Option<double?>("--link-gbps") { Description = "Emulate a link of this many Gb/s between consecutive stages, in real time (bytes as sent: quantised codes at their bits)." };
        var linkLatency = new Option<double?>("--link-latency-us") { Description = "Emulated link latency per transfer, in microseconds (default 0)." };
        var data = new Option<string?>("--data") { Description = "Fashion-MNIST-style folder whose test split is run (default: the bundled subset)." };
        var count = new Option<int?>("--count") { Description = "Inputs to run (default: all of the data)." };
        var batch = new Option<int>("--batch") { Description = "Inputs per inference; 1 measures per-inference latency.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads of each stage's session.", DefaultValueFactory = _ => 1 };
        var json = SharedOptions.Json();
        var command = new Command("run",
            "Run the stages as a pipeline, one thread and one ONNX Runtime session per stage with bounded queues between them, " +
            "optionally over an emulated link, and measure top-1 accuracy, throughput, latency percentiles and per-stage busy time.")
        {
            stages, plan, linkGbps, linkLatency, data, count, batch, threads, json,
        };
        // Asynchronous, so the command line's Ctrl+C handler is in place (and cancels the token) while the run goes on.
        command.SetAction((result, cancellation) => Task.Run(() => io.Guard(() =>
        {
            var link = result.GetValue(linkGbps) is null && result.GetValue(linkLatency) is null
                ? null
                : LinkEmulation.FromGigabits(result.GetValue(linkGbps), result.GetValue(linkLatency) ?? 0);
            var options = new RuntimeOptions { Batch = result.GetValue(batch), Count = result.GetValue(count), Link = link };
            using var pipeline = StagePipeline.Open(StageFolder.Load(Folder(result.GetValue(stages), result.GetValue(plan))), result.GetValue(threads));
            var images = LabelledImages.Load(result.GetValue(data) ?? BundledExamples.DataFolder, LabelledImages.Evaluation);
            var report = pipeline.Run(images, options, cancellation);
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
