using System.Globalization;
using System.Text;

namespace QuiltNet.Testing.Fuzz;

/// <summary>Counts of a campaign's outcomes by input kind and command, and the inputs that failed, as Markdown.</summary>
public sealed class FuzzSummary
{
    private readonly Dictionary<(string Kind, string Command), Dictionary<Outcome, int>> _counts = new();
    private readonly Dictionary<(string Kind, string Command), double> _seconds = new();

    public List<FuzzResult> Failures { get; } = [];

    public int Total { get; private set; }

    public TimeSpan Slowest { get; private set; }

    public void Add(FuzzResult result)
    {
        Total++;
        var key = (result.Case.Kind, result.Case.Command);
        if (!_counts.TryGetValue(key, out var counts)) _counts[key] = counts = new Dictionary<Outcome, int>();
        counts[result.Outcome] = counts.GetValueOrDefault(result.Outcome) + 1;
        _seconds[key] = _seconds.GetValueOrDefault(key) + result.Result.Elapsed.TotalSeconds;
        if (result.Result.Elapsed > Slowest) Slowest = result.Result.Elapsed;
        if (result.Outcome is not (Outcome.Ok or Outcome.CleanError)) Failures.Add(result);
    }

    public int Count(Outcome outcome) => _counts.Values.Sum(c => c.GetValueOrDefault(outcome));

    public string Table()
    {
        var outcomes = Enum.GetValues<Outcome>();
        var text = new StringBuilder();
        text.AppendLine($"| kind | command | inputs | mean s | {string.Join(" | ", outcomes.Select(Name))} |");
        text.AppendLine($"|---|---|---:|---:|{string.Concat(outcomes.Select(_ => "---:|"))}");
        foreach (var ((kind, command), counts) in _counts.OrderBy(p => Array.IndexOf(FuzzCampaign.Kinds, p.Key.Kind)).ThenBy(p => p.Key.Command, StringComparer.Ordinal))
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {command} | {counts.Values.Sum()} | {_seconds[(kind, command)] / counts.Values.Sum():0.00} | {string.Join(" | ", outcomes.Select(o => counts.GetValueOrDefault(o)))} |"));
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"| **all** | | **{Total}** | {_seconds.Values.Sum() / Math.Max(Total, 1):0.00} | {string.Join(" | ", outcomes.Select(o => $"**{Count(o)}**"))} |"));
        return text.ToString();
    }

    public string FailureList() => string.Join('\n', Failures.Select(f =>
        $"- input {f.Case.Index} ({f.Case.Kind}, {f.Outcome}): {f.Case.Mutation}\n  `{f.Case.CommandLine}`\n  {FirstLine(f.Result.Error)}"));

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim() is { Length: > 0 } line ? line : "(no error output)";

    private static string Name(Outcome outcome) => outcome switch
    {
        Outcome.Ok => "exit 0",
        Outcome.CleanError => "clean error",
        Outcome.InternalError => "internal error",
        Outcome.Crash => "crash",
        Outcome.Unnamed => "unnamed error",
        Outcome.Hang => "hang",
        _ => "allocation",
    };
}
