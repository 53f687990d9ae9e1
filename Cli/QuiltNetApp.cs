using System.CommandLine;
using QuiltNet.Cli.Commands;

namespace QuiltNet.Cli;

/// <summary>The <c>quiltnet</c> command tree, runnable against any writers so tests can drive it in-process.</summary>
public static class QuiltNetApp
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var io = new CommandIO(output, error);
        var root = new RootCommand(
            "QuiltNet cuts an ONNX model into pipeline stages, one per accelerator chip, and compresses the " +
            "tensors that cross each inter-chip link with small bottleneck autoencoders.")
        {
            ProfileCommand.Create(io),
            SplitCommand.Create(io),
            VerifyCommand.Create(io),
            HwCommand.Create(io),
            SimulateCommand.Create(io),
            CompressCommand.Create(io),
            PartitionCommand.Create(io),
            OptimizeCommand.Create(io),
            RunCommand.Create(io),
            ServeCommand.Create(io),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
