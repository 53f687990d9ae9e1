using QuiltNet.Graph;
using QuiltNet.Optimizer.Plans;

namespace QuiltNet.Cli.Commands;

/// <summary>The worker address of each stage, from <c>--workers</c> or a <c>--hosts</c> file; null runs in process.</summary>
internal static class WorkerAddresses
{
    public static IReadOnlyList<string>? Of(string? workers, string? hosts, string? plan, int stages)
    {
        if (workers is not null && hosts is not null)
            throw new QuiltNetException("--hosts", "give either --workers or --hosts, not both");
        if (workers is not null)
        {
            var list = workers.Split(',', StringSplitOptions.TrimEntries);
            if (list.Length != stages)
                throw new QuiltNetException("--workers", $"{list.Length} addresses for {stages} stages: give one per stage, in order");
            return list.Select(a => Checked(a, "--workers")).ToList();
        }
        return hosts is null ? null : FromFile(hosts, plan is null ? null : PlanFile.Read(plan), stages);
    }

    /// <summary>Each line 'NAME ADDRESS' (# starts a comment): NAME is a chip id of the plan, or a stage index.</summary>
    private static List<string> FromFile(string path, DeploymentPlan? plan, int stages)
    {
        if (!File.Exists(path)) throw new QuiltNetException(path, "hosts file not found");
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (line, number) in File.ReadLines(path).Select((l, i) => (l.Split('#', 2)[0].Trim(), i + 1)))
        {
            if (line.Length == 0) continue;
            var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !byName.TryAdd(parts[0], Checked(parts[1], $"{path}:{number}")))
                throw new QuiltNetException($"{path}:{number}", parts.Length != 2 ? "expected 'NAME ADDRESS'" : $"'{parts[0]}' is mapped twice");
        }
        return Enumerable.Range(0, stages).Select(k =>
        {
            string? chip = plan?.Stages[k].Chip;
            return chip is not null && byName.TryGetValue(chip, out string? address) ? address
                : byName.TryGetValue(k.ToString(System.Globalization.CultureInfo.InvariantCulture), out address) ? address
                : throw new QuiltNetException(path, $"maps no worker to stage {k}{(chip is null ? "" : $" (chip '{chip}')")}");
        }).ToList();
    }

    private static string Checked(string address, string input)
    {
        string bare = address.Contains("://", StringComparison.Ordinal) ? address : $"http://{address}";
        return Uri.TryCreate(bare, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !uri.IsDefaultPort && uri.AbsolutePath == "/"
            ? address
            : throw new QuiltNetException(input, $"'{address}' is not host:port");
    }
}
