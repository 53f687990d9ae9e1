using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using QuiltNet.Graph;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// <c>trials.jsonl</c>: one JSON line per finished trial, appended and flushed to disk as each trial ends, so a search
/// killed at any moment loses at most the trial in flight. A last line without its newline was cut off mid-write:
/// reading drops it (and truncates the file there, so the next append starts a clean line).
/// </summary>
public sealed class TrialJournal : IDisposable
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A failed trial's loss is +∞ and a metric may be too; JSON has no such numbers, so they are written as strings.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly FileStream stream;

    private TrialJournal(FileStream stream) => this.stream = stream;

    /// <summary>Starts an empty journal at <paramref name="path"/>, replacing any file there.</summary>
    public static TrialJournal Create(string path)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        return new TrialJournal(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read));
    }

    /// <summary>The finished trials in <paramref name="path"/>, checked against <paramref name="space"/>; a cut-off last line is left out.</summary>
    public static IReadOnlyList<TrialResult> Read(string path, SearchSpace space) => Read(path, space, out _);

    /// <summary>Reads the trials in <paramref name="path"/>, checked against <paramref name="space"/>, and opens it to append more.</summary>
    public static TrialJournal Resume(string path, SearchSpace space, out IReadOnlyList<TrialResult> trials)
    {
        trials = Read(path, space, out int complete);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(complete);
        stream.Seek(0, SeekOrigin.End);
        return new TrialJournal(stream);
    }

    private static List<TrialResult> Read(string path, SearchSpace space, out int complete)
    {
        if (!File.Exists(path))
            throw new QuiltNetException(path, "there is no trials journal here");
        byte[] bytes = File.ReadAllBytes(path);
        complete = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        return Parse(Encoding.UTF8.GetString(bytes, 0, complete), path, space);
    }

    /// <summary>Writes <paramref name="result"/> as one line and flushes it to disk.</summary>
    public void Append(TrialResult result)
    {
        var line = new Line(result.TrialId, result.Parameters, result.Loss, result.Metrics, result.DurationMilliseconds, result.Status, result.Error);
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(line, Json);
        // One write of the whole line, newline included, then to disk: a kill leaves at most one cut-off last line.
        var buffer = new byte[json.Length + 1];
        json.CopyTo(buffer, 0);
        buffer[^1] = (byte)'\n';
        stream.Write(buffer);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Closes the journal's file.</summary>
    public void Dispose() => stream.Dispose();

    private static List<TrialResult> Parse(string text, string path, SearchSpace space)
    {
        var trials = new List<TrialResult>();
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n])) continue;
            string input = $"{path} line {n + 1}";
            Line line;
            try
            {
                line = JsonSerializer.Deserialize<Line>(lines[n], Json) ?? throw new JsonException("null");
            }
            catch (JsonException e)
            {
                throw new QuiltNetException(input, $"is not a trial record ({e.Message})", e);
            }
            if (line.Id != trials.Count)
                throw new QuiltNetException(input, $"holds trial {line.Id}, but trial {trials.Count} comes next");
            var result = new TrialResult
            {
                Settings = new TrialSettings(line.Id) { Parameters = space.Check(line.Parameters, input) },
                Loss = line.Loss,
                Metrics = line.Metrics,
                DurationMilliseconds = line.DurationMs,
                Error = line.Error,
            };
            if (result.Status != line.Status)
                throw new QuiltNetException(input, $"says {line.Status} but its loss is {line.Loss}");
            trials.Add(result);
        }
        return trials;
    }

    private sealed record Line(
        int Id,
        IReadOnlyDictionary<string, ParameterValue> Parameters,
        double Loss,
        IReadOnlyDictionary<string, double> Metrics,
        double DurationMs,
        TrialStatus Status,
        string? Error = null);
}
