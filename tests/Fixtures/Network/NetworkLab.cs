using System.Diagnostics;
using System.Globalization;

namespace QuiltNet.Testing;

/// <summary>
/// A chain of Linux network namespaces, one per stage worker, joined in order by veth pairs whose rate
/// <c>tc</c>'s token bucket filter (<c>tbf</c>) shapes in both directions; each namespace also has an
/// unshaped veth to the root namespace, where the coordinator runs. A route sends traffic for the next
/// worker's coordinator-facing address over the shaped link, so one address per worker serves both. Every
/// address is inside two /16s of 10.100.0.0–10.199.255.255 chosen by the process id, and lives only in namespaces this lab creates (and
/// the root ends of their veths); disposing
/// deletes them (their veths go with them), also when setting up failed half way.
/// </summary>
public sealed class NetworkLab : IDisposable
{
    private readonly List<string> _namespaces = [];
    private readonly string _prefix = $"qn{Environment.ProcessId % 100000}";

    /// <summary>Second octets of this process's subnets, so two labs (a test and a benchmark) can exist at once.</summary>
    private static readonly int Coordinator = 100 + Environment.ProcessId % 50 * 2, Chain = Coordinator + 1;

    private NetworkLab()
    {
    }

    /// <summary>The namespace of each worker, in stage order.</summary>
    public IReadOnlyList<string> Namespaces => _namespaces;

    /// <summary>Where the coordinator reaches worker <paramref name="k"/> (and worker k - 1 does, over the shaped link).</summary>
    public static string Address(int k, int port) => $"10.{Coordinator}.{k}.2:{port}";

    /// <summary>Why the lab cannot be built here, or null: it needs root and iproute2's ip and tc.</summary>
    public static string? Unavailable()
    {
        if (!OperatingSystem.IsLinux()) return "network namespaces are Linux only";
        if (Environment.UserName != "root") return $"needs root to create network namespaces (running as {Environment.UserName})";
        foreach (string tool in new[] { "ip", "tc" })
            if (!Environment.GetEnvironmentVariable("PATH")!.Split(':').Append("/usr/sbin").Append("/sbin").Any(d => File.Exists(Path.Combine(d, tool))))
                return $"'{tool}' not found (install iproute2)";
        string probe = $"qn{Environment.ProcessId % 100000}probe";
        try
        {
            Ip($"netns add {probe}");
            Ip($"netns del {probe}");
        }
        catch (InvalidOperationException e)
        {
            return $"cannot create network namespaces here ({e.Message})";
        }
        return null;
    }

    /// <param name="megabitsPerSecond">Rate of every link between consecutive workers, each way.</param>
    public static NetworkLab Create(int workers, double megabitsPerSecond)
    {
        var lab = new NetworkLab();
        try
        {
            lab.Build(workers, megabitsPerSecond);
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    private void Build(int workers, double megabitsPerSecond)
    {
        var invariant = CultureInfo.InvariantCulture;
        string rate = $"{megabitsPerSecond.ToString(invariant)}mbit";
        // A bucket of 1 ms at the rate (at least 16 kB), so the filter neither starves nor lets long bursts through.
        string burst = $"{Math.Max(16_000, (long)(megabitsPerSecond * 1e6 / 8 * 1e-3)).ToString(invariant)}b";
        for (int k = 0; k < workers; k++)
        {
            string ns = $"{_prefix}n{k}";
            Ip($"netns add {ns}");
            _namespaces.Add(ns);
            Ip($"-n {ns} link set lo up");
            // Root side: the coordinator's own, unshaped link to this worker.
            Ip($"link add {_prefix}r{k} type veth peer name c{k} netns {ns}");
            Ip($"addr add 10.{Coordinator}.{k}.1/24 dev {_prefix}r{k}");
            Ip($"link set {_prefix}r{k} up");
            Ip($"-n {ns} addr add 10.{Coordinator}.{k}.2/24 dev c{k}");
            Ip($"-n {ns} link set c{k} up");
        }
        for (int k = 0; k + 1 < workers; k++)
        {
            string from = _namespaces[k], to = _namespaces[k + 1];
            Ip($"-n {from} link add o{k} type veth peer name i{k} netns {to}");
            Ip($"-n {from} addr add 10.{Chain}.{k}.1/24 dev o{k}");
            Ip($"-n {to} addr add 10.{Chain}.{k}.2/24 dev i{k}");
            Ip($"-n {from} link set o{k} up");
            Ip($"-n {to} link set i{k} up");
            Tc($"-n {from} qdisc add dev o{k} root tbf rate {rate} burst {burst} latency 50ms");
            Tc($"-n {to} qdisc add dev i{k} root tbf rate {rate} burst {burst} latency 50ms");
            Ip($"-n {from} route add 10.{Coordinator}.{k + 1}.2/32 via 10.{Chain}.{k}.2");
        }
    }

    /// <summary>
    /// A <c>quiltnet serve</c> worker in each namespace, listening on every address there; its coordinator
    /// address is <see cref="Address"/>. The caller disposes them (before the lab).
    /// </summary>
    public List<WorkerProcess> StartWorkers(int port)
    {
        var workers = new List<WorkerProcess>();
        try
        {
            foreach (string ns in _namespaces)
                workers.Add(WorkerProcess.Start(command => ("ip", new[] { "netns", "exec", ns, command.File }.Concat(command.Arguments)), port, "--listen", "0.0.0.0"));
            return workers;
        }
        catch
        {
            foreach (var worker in workers) worker.Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> Addresses(int port) => Enumerable.Range(0, _namespaces.Count).Select(k => Address(k, port)).ToList();

    private static void Ip(string arguments) => Run("ip", arguments);

    private static void Tc(string arguments) => Run("tc", arguments);

    private static void Run(string tool, string arguments)
    {
        var start = new ProcessStartInfo(tool, arguments) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {arguments}: {error.Trim()}");
    }

    public void Dispose()
    {
        foreach (string ns in _namespaces)
        {
            try
            {
                Ip($"netns del {ns}");
            }
            catch (InvalidOperationException)
            {
                // Already gone; the others must still go.
            }
        }
        _namespaces.Clear();
    }
}
