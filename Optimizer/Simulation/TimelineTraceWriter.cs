using System.Text.Json;

namespace QuiltNet.Optimizer.Simulation;

/// <summary>
/// Writes an event simulation's timeline in the Chrome trace-event format (one row per chip or link,
/// one box per input), which chrome://tracing and Perfetto open directly.
/// </summary>
public static class TimelineTraceWriter
{
    /// <summary>Writes the event simulation's intervals as Chrome trace JSON.</summary>
    public static void Write(Stream stream, DiscreteEventResult result)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("displayTimeUnit", "ns");
        json.WriteStartArray("traceEvents");
        for (int k = 0; k < result.Resources.Count; k++)
        {
            json.WriteStartObject();
            json.WriteString("name", "thread_name");
            json.WriteString("ph", "M");
            json.WriteNumber("pid", 1);
            json.WriteNumber("tid", k);
            json.WriteStartObject("args");
            json.WriteString("name", result.Resources[k].Name);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        foreach (var interval in result.Timeline)
        {
            json.WriteStartObject();
            json.WriteString("name", $"input {interval.Item}");
            json.WriteString("cat", result.Resources[interval.Resource].Kind.ToString().ToLowerInvariant());
            json.WriteString("ph", "X");
            json.WriteNumber("pid", 1);
            json.WriteNumber("tid", interval.Resource);
            json.WriteNumber("ts", interval.StartSeconds * 1e6); // the format counts microseconds
            json.WriteNumber("dur", (interval.EndSeconds - interval.StartSeconds) * 1e6);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
