using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using QuiltNet.Graph;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Fitted autoencoders and their measurements, kept on disk as JSON so a search (or a second sweep) never
/// trains the same one twice. An entry's key names everything its value depends on — model file hash,
/// cut, option, training settings, data hash — and is stored beside the value, so a hash collision or a
/// foreign file reads as a miss. Entries are written atomically and carry the SHA-256 of their value: an entry that is
/// cut off, altered or unreadable is reported once through <see cref="Warn"/>, refitted and written again.
/// </summary>
public sealed class AutoencoderCache
{
    private readonly Dictionary<string, object> _memory = new();

    /// <param name="folder">Where entries live; null keeps them for this process only.</param>
    public AutoencoderCache(string? folder) => Folder = folder;

    /// <summary>The cache folder, or null when entries live in this process only.</summary>
    public string? Folder { get; }

    /// <summary>Hears of each corrupt entry found (and refitted), in one line naming its file; null says nothing.</summary>
    public Action<string>? Warn { get; init; }

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
        string problem;
        try
        {
            using var entry = JsonDocument.Parse(File.ReadAllBytes(file));
            var root = entry.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("key", out var stored) && stored.ValueKind == JsonValueKind.String
                && root.TryGetProperty("sha256", out var sha256) && root.TryGetProperty("value", out var value))
            {
                // Another key under the same file name (a hash collision) is a plain miss.
                if (stored.GetString() != key) return null;
                string text = value.GetRawText();
                if (sha256.ValueKind == JsonValueKind.String && sha256.GetString() == Checksum(text))
                    return JsonSerializer.Deserialize<T>(text);
                problem = "its checksum does not match its content";
            }
            else
            {
                problem = "it lacks its key, checksum or value";
            }
        }
        catch (JsonException e)
        {
            problem = $"it is not valid JSON ({e.Message.Split('\n', 2)[0].Trim()})";
        }
        catch (IOException e)
        {
            problem = $"it cannot be read ({e.Message})";
        }
        Warn?.Invoke($"{file}: corrupt cache entry ({problem}); fitting it again");
        return null;
    }

    private void Write<T>(string key, T value)
    {
        if (FileOf(key) is not { } file) return;
        try
        {
            string text = JsonSerializer.Serialize(value);
            AtomicOutput.WriteFile(file, stream =>
            {
                using var writer = new Utf8JsonWriter(stream);
                writer.WriteStartObject();
                writer.WriteString("key", key);
                writer.WriteString("sha256", Checksum(text));
                writer.WritePropertyName("value");
                writer.WriteRawValue(text, skipInputValidation: true);
                writer.WriteEndObject();
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs a refit later; the result itself is good.
        }
    }

    private static string Checksum(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
