using System.CommandLine;
using QuiltNet.Cli.Output;
using QuiltNet.Graph;

namespace QuiltNet.Cli.Commands;

public static class ProfileCommand
{
    public static Command Create(CommandIO io)
    {
        var model = new Argument<string?>("model")
        {
            Description = $"The ONNX model to profile (default: the bundled {BundledExamples.DefaultModelFile}).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var inputShape = SharedOptions.InputShape();
        var batch = SharedOptions.Batch();
        var json = SharedOptions.Json();
        var command = new Command("profile",
            "Show every layer's output shape, MACs, weight and output bytes, the model's totals, and the candidate " +
            "cut points with the bytes each would send between chips.")
        {
            model, inputShape, batch, json,
        };
        command.SetAction(result => io.Guard(() =>
        {
            var graph = OnnxGraph.Load(result.GetValue(model) ?? BundledExamples.DefaultModel);
            var profile = ModelProfiler.Profile(graph, SharedOptions.Bindings(result, inputShape, batch));
            foreach (string warning in profile.Warnings) io.Warn(warning);
            if (result.GetValue(json)) JsonOutput.Write(io.Output, profile);
            else ProfileTables.Write(io.Console(), profile);
            return 0;
        }));
        return command;
    }
}
