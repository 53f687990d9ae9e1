using System.CommandLine;
using System.CommandLine.Parsing;
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
        var parsed = root.Parse(args);
        // System.CommandLine answers a malformed command line with its help and bare messages; QuiltNet's input errors are one line.
        if (parsed.Errors.Count > 0)
        {
            var first = parsed.Errors[0];
            string flag = first.SymbolResult switch
            {
                OptionResult option => $"{option.Option.Name}: ",
                ArgumentResult { Parent: OptionResult option } => $"{option.Option.Name}: ",
                _ => "",
            };
            string message = ParseErrorText.Plain(string.Join(' ', first.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            error.WriteLine($"error: {flag}{message}");
            return CommandIO.InputError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
