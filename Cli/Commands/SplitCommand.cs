using System.CommandLine;
using QuiltNet.Cli.Output;
using QuiltNet.Graph;
using Spectre.Console;

namespace QuiltNet.Cli.Commands;

public static class SplitCommand
{
    public static Command Create(CommandIO io)
    {
        var model = new Argument<string>("model") { Description = "The ONNX model to split." };
        var cuts = new Option<string>("--cuts")
        {
            Description = "Comma-separated cut positions (see 'quiltnet profile'): P1,P2,... gives P+1 stages.",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "Folder for the stage files and manifest.json.", Required = true };
        var inputShape = SharedOptions.InputShape();
        var batch = SharedOptions.Batch();
        var json = SharedOptions.Json();
        var command = new Command("split",
            "Cut a model at the given positions into one standalone ONNX file per stage, plus manifest.json " +
            "(source model, bound shapes, each stage's input and output tensors in pipeline order).")
        {
            model, cuts, output, inputShape, batch, json,
        };
        command.SetAction(result => io.Guard(() =>
        {
            var positions = IntegerList.Cuts(result.GetValue(cuts)!);
            var graph = OnnxGraph.Load(result.GetValue(model)!);
            var shapes = TensorShapeInference.Infer(graph, SharedOptions.Bindings(result, inputShape, batch));
            string folder = result.GetValue(output)!;
            var manifest = ModelSplitter.Split(graph, shapes, positions, folder);
            if (result.GetValue(json))
            {
                JsonOutput.Write(io.Output, manifest);
                return 0;
            }
            var table = new Table().Title($"{manifest.Stages.Count} stages in {folder}").AddColumns("stage", "file", "nodes", "inputs", "outputs");
            foreach (var (stage, k) in manifest.Stages.Select((s, k) => (s, k)))
                table.AddRow(k.ToString(), stage.File, $"{stage.Start}..{stage.End - 1}",
                    Markup.Escape(Describe(stage.Inputs)), Markup.Escape(Describe(stage.Outputs)));
            io.Console().Write(table);
            return 0;
        }));
        return command;
    }

    private static string Describe(IEnumerable<ManifestTensor> tensors) =>
        string.Join(", ", tensors.Select(t => $"{t.Name} {string.Join('x', t.Shape.Select(d => d < 0 ? "N" : d.ToString()))}"));
}
