using System.Diagnostics;
using QuiltNet.Tests;

namespace QuiltNet.Runtime.Tests;

/// <summary>A <c>quiltnet serve</c> process, as a worker on another machine would run; killed when disposed.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process, string address)
    {
        _process = process;
        Address = address;
    }

    public string Address { get; }

    /// <summary>The built command line tool beside these tests (same configuration).</summary>
    private static string Tool => Path.Combine(Repository.Root, "Cli", "bin",
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug",
        "net10.0", "quiltnet.dll");

    public static WorkerProcess Start(int port = 0, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { Tool, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(arguments))
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result is not { } listening || !listening.StartsWith("listening on ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"quiltnet serve did not start: {(line.IsCompleted ? line.Result : "no output in 30 s")}");
        }
        return new WorkerProcess(process, listening["listening on ".Length..]);
    }

    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }
}
