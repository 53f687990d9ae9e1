using System.Diagnostics;
using QuiltNet.Tests;

namespace QuiltNet.Testing;

/// <summary>A <c>quiltnet serve</c> process, as a worker on another machine would run; killed when disposed.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;

    private WorkerProcess(Process process, string address, List<string> log)
    {
        _process = process;
        Address = address;
        Log = log;
    }

    public string Address { get; }

    /// <summary>The worker's log lines so far, for a failing test's message.</summary>
    public List<string> Log { get; }

    /// <summary>The built command line tool beside these tests (same configuration).</summary>
    private static string Tool => Path.Combine(Repository.Root, "Cli", "bin",
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug",
        "net10.0", "quiltnet.dll");

    public static WorkerProcess Start(int port = 0, params string[] arguments) =>
        Start(command => command, port, arguments);

    /// <param name="wrap">Turns the worker's command line into the one to run (e.g. inside a network namespace).</param>
    public static WorkerProcess Start(Func<(string File, IEnumerable<string> Arguments), (string File, IEnumerable<string> Arguments)> wrap, int port, params string[] arguments)
    {
        var (file, all) = wrap(("dotnet", new[] { Tool, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(arguments)));
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in all)
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        // The worker's log, for a failing test's output.
        var log = new List<string>();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.Add(e.Data); };
        process.BeginErrorReadLine();
        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(TimeSpan.FromSeconds(30)) || line.Result is not { } listening || !listening.StartsWith("listening on ", StringComparison.Ordinal))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"quiltnet serve did not start: {(line.IsCompleted ? line.Result : "no output in 30 s")}");
        }
        return new WorkerProcess(process, listening["listening on ".Length..], log);
    }

    /// <summary>Sends a signal by name (STOP freezes the worker, CONT thaws it).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", $"-{name} {_process.Id}");
        kill.WaitForExit();
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
