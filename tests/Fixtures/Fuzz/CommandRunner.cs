using System.Diagnostics;
using QuiltNet.Cli;

namespace QuiltNet.Testing.Fuzz;

/// <summary>
/// Runs a <c>quiltnet</c> command line in this process (a process per input would not fit ten thousand inputs), on a
/// thread of its own so a hang is seen at the time limit instead of stopping the campaign.
/// </summary>
public static class CommandRunner
{
    public static CommandResult Run(string[] args, TimeSpan limit)
    {
        StringWriter outputText = new(), errorText = new();
        TextWriter output = TextWriter.Synchronized(outputText), error = TextWriter.Synchronized(errorText);
        int? code = null;
        long before = GC.GetTotalAllocatedBytes(precise: false);
        var watch = Stopwatch.StartNew();
        var thread = new Thread(() => code = QuiltNetApp.Run(args, output, error)) { IsBackground = true, Name = "fuzzed command" };
        thread.Start();
        bool ended = thread.Join(limit);
        watch.Stop();
        long allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
        return new CommandResult(ended ? code : null, Text(output, outputText), Text(error, errorText), watch.Elapsed, allocated);
    }

    // The synchronized writer locks itself on every call, so taking the same lock reads a consistent text even from a hung command.
    private static string Text(TextWriter synchronized, StringWriter text)
    {
        lock (synchronized) return text.ToString();
    }
}
