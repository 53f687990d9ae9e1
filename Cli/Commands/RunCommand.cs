using System.CommandLine;
using QuiltNet.Cli.Output;
using QuiltNet.Estimators.Runtime;
using QuiltNet.Graph.Data;

namespace QuiltNet.Cli.Commands;

public static class RunCommand
{
    public static Command Create(CommandIO io)
    {
        // Stages come from a 'quiltnet split' folder for now. A deployment plan (--plan plan.json) is the
        // other source to come: it must yield the same IReadOnlyList<StageSpec> as StageFolder.Load, and
        // everything after that line stays as it is.
        var stages = new Option<string>("--stages") { Description = "Folder written by 'quiltnet split' (manifest.json and the stage files it lists).", Required = true };
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
            stages, linkGbps, linkLatency, data, count, batch, threads, json,
        };
        // Asynchronous, so the command line's Ctrl+C handler is in place (and cancels the token) while the run goes on.
        command.SetAction((result, cancellation) => Task.Run(() => io.Guard(() =>
        {
            var link = result.GetValue(linkGbps) is null && result.GetValue(linkLatency) is null
                ? null
                : LinkEmulation.FromGigabits(result.GetValue(linkGbps), result.GetValue(linkLatency) ?? 0);
            var options = new RuntimeOptions { Batch = result.GetValue(batch), Count = result.GetValue(count), Link = link };
            using var pipeline = StagePipeline.Open(StageFolder.Load(result.GetValue(stages)!), result.GetValue(threads));
            var images = LabelledImages.Load(result.GetValue(data) ?? BundledExamples.DataFolder, LabelledImages.Evaluation);
            var report = pipeline.Run(images, options, cancellation);
            if (result.GetValue(json)) JsonOutput.Write(io.Output, report);
            else RuntimeTables.Write(io.Console(), report);
            return 0;
        })));
        return command;
    }
}
