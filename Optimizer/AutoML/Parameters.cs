using System.Collections;

namespace QuiltNet.Optimizer.AutoML;

/// <summary>
/// The values of one trial's parameters, by name, in the search space's order. Equal when every name and value
/// is equal, so a tuner can tell a configuration it has already tried.
/// </summary>
public sealed class Parameters : IReadOnlyDictionary<string, ParameterValue>, IEquatable<Parameters>
{
    private readonly KeyValuePair<string, ParameterValue>[] entries;

    /// <summary>A set of <paramref name="values"/>, kept in the given order.</summary>
    /// <exception cref="ArgumentException">Two values share a name.</exception>
    public Parameters(IEnumerable<KeyValuePair<string, ParameterValue>> values)
    {
        entries = values.ToArray();
        var repeated = entries.GroupBy(e => e.Key).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"parameter '{repeated.Key}' is given twice", nameof(values));
    }

    /// <summary>No parameters: what a <see cref="TrialSettings"/> carries before the tuner has proposed.</summary>
    public static Parameters Empty { get; } = new([]);

    /// <summary>The value named <paramref name="key"/>.</summary>
    /// <exception cref="KeyNotFoundException">No parameter has that name.</exception>
    public ParameterValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no parameter named '{key}'");

    /// <summary>The value named <paramref name="name"/> as a number.</summary>
    public double GetDouble(string name) => this[name].AsDouble();

    /// <summary>The value named <paramref name="name"/> as a whole number.</summary>
    public int GetInt(string name) => this[name].AsInt();

    /// <summary>The value named <paramref name="name"/> as a string.</summary>
    public string GetString(string name) => this[name].AsString();

    /// <summary>The number of parameters.</summary>
    public int Count => entries.Length;

    /// <summary>The parameter names, in order.</summary>
    public IEnumerable<string> Keys => entries.Select(e => e.Key);

    /// <summary>The values, in the order of <see cref="Keys"/>.</summary>
    public IEnumerable<ParameterValue> Values => entries.Select(e => e.Value);

    /// <summary>Whether a parameter is named <paramref name="key"/>.</summary>
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <summary>Finds the value named <paramref name="key"/>; false when there is none.</summary>
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

    /// <summary>The name–value pairs, in order.</summary>
    public IEnumerator<KeyValuePair<string, ParameterValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, ParameterValue>>)entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether <paramref name="other"/> holds the same names with the same values, in the same order.</summary>
    public bool Equals(Parameters? other) => other is not null && entries.SequenceEqual(other.entries);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Parameters);

    /// <inheritdoc/>
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

    /// <summary>The pairs as name=value, comma-separated.</summary>
    public override string ToString() => string.Join(", ", entries.Select(e => $"{e.Key}={e.Value}"));
}
