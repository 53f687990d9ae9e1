using QuiltNet.Runtime.Distributed;

namespace QuiltNet.Runtime.Tests;

/// <summary>Stage workers hosted in the test process on free loopback ports, stopped when disposed.</summary>
internal sealed class LocalWorkers : IAsyncDisposable
{
    private readonly List<WorkerHost> _hosts;

    private LocalWorkers(List<WorkerHost> hosts) => _hosts = hosts;

    public IReadOnlyList<string> Addresses => _hosts.Select(h => h.Address).ToList();

    public static async Task<LocalWorkers> StartAsync(int count, WorkerOptions? options = null)
    {
        var hosts = new List<WorkerHost>();
        for (int i = 0; i < count; i++)
            hosts.Add(await WorkerHost.StartAsync(options ?? new WorkerOptions()));
        return new LocalWorkers(hosts);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
    }
}
