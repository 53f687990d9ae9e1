using System.Collections;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// The values of one trial's parameters, by name, in the search space's order. Equal when every name and value
/// is equal, so a tuner can tell a configuration it has already tried.
/// </summary>
public sealed class Parameters : IReadOnlyDictionary<string, ParameterValue>, IEquatable<Parameters>
{
    private readonly KeyValuePair<string, ParameterValue>[] entries;

    public Parameters(IEnumerable<KeyValuePair<string, ParameterValue>> values)
    {
        entries = values.ToArray();
        var repeated = entries.GroupBy(e => e.Key).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"parameter '{repeated.Key}' is given twice", nameof(values));
    }

    /// <summary>No parameters: what a <see cref="TrialSettings"/> carries before the tuner has proposed.</summary>
    public static Parameters Empty { get; } = new([]);

    public ParameterValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no parameter named '{key}'");

    public double GetDouble(string name) => this[name].AsDouble();

    public int GetInt(string name) => this[name].AsInt();

    public string GetString(string name) => this[name].AsString();

    public int Count => entries.Length;

    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    public IEnumerable<ParameterValue> Values => entries.Select(e => e.Value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, out ParameterValue value)
    {
        foreach (var entry in entries)
        {
            if (entry.Key != key) continue;
            value = entry.Value;
            return true;
        }
        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, ParameterValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, ParameterValue>>)entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Parameters? other) => other is not null && entries.SequenceEqual(other.entries);

    public override bool Equals(object? obj) => Equals(obj as Parameters);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in entries)
        {
            hash.Add(entry.Key);
            hash.Add(entry.Value);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", entries.Select(e => $"{e.Key}={e.Value}"));
}
