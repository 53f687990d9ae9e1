using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using QuiltNet.Graph;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Fitted autoencoders and their measurements, kept on disk as JSON so a search (or a second sweep) never
/// trains the same one twice. An entry's key names everything its value depends on — model file hash,
/// cut, option, training settings, data hash — and is stored beside the value, so a hash collision or a
/// foreign file reads as a miss. Entries are written atomically; an unreadable one is refitted.
/// </summary>
public sealed class AutoencoderCache
{
    private readonly Dictionary<string, object> _memory = new();

    /// <param name="folder">Where entries live; null keeps them for this process only.</param>
    public AutoencoderCache(string? folder) => Folder = folder;

    /// <summary>The cache folder, or null when entries live in this process only.</summary>
    public string? Folder { get; }

    /// <summary>Entries kept in memory only.</summary>
    public static AutoencoderCache InMemory() => new(null);

    /// <summary>$QUILTNET_CACHE, else $XDG_CACHE_HOME/quiltnet, else ~/.cache/quiltnet.</summary>
    public static AutoencoderCache Default()
    {
        string? folder = Environment.GetEnvironmentVariable("QUILTNET_CACHE");
        if (string.IsNullOrEmpty(folder))
        {
            string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            string root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
            folder = Path.Combine(root, "quiltnet");
        }
        return new AutoencoderCache(folder);
    }

    /// <summary>The entry under <paramref name="key"/>, computed by <paramref name="compute"/> and stored when absent.</summary>
    /// <typeparam name="T">The entry's type, stored as JSON in a folder cache.</typeparam>
    /// <param name="key">What the entry was computed from (model and data hashes, cut, option, training settings).</param>
    /// <param name="compute">Computes the entry when the cache lacks it.</param>
    public T GetOrAdd<T>(string key, Func<T> compute) where T : class
    {
        if (_memory.TryGetValue(key, out var known)) return (T)known;
        var value = Read<T>(key) ?? compute();
        Write(key, value);
        _memory[key] = value;
        return value;
    }

    private string? FileOf(string key) => Folder is null
        ? null
        : Path.Combine(Folder, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32] + ".json");

    private T? Read<T>(string key) where T : class
    {
        if (FileOf(key) is not { } file || !File.Exists(file)) return null;
        try
        {
            var entry = JsonSerializer.Deserialize<Entry<T>>(File.ReadAllText(file));
            return entry?.Key == key ? entry.Value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Write<T>(string key, T value)
    {
        if (FileOf(key) is not { } file) return;
        try
        {
            AtomicOutput.WriteFile(file, stream => JsonSerializer.Serialize(stream, new Entry<T>(key, value)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs a refit later; the result itself is good.
        }
    }

    private sealed record Entry<T>(string Key, T Value);
}
