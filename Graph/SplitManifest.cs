using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuiltNet.Graph;

/// <summary>One tensor at a stage boundary as the manifest records it.</summary>
public sealed record ManifestTensor(string Name, string ElementType, IReadOnlyList<long> Shape);

/// <summary>One stage file: the node positions it holds and the tensors it takes and returns, in order.</summary>
public sealed record ManifestStage(string File, int Start, int End, IReadOnlyList<ManifestTensor> Inputs, IReadOnlyList<ManifestTensor> Outputs);

/// <summary>
/// <c>manifest.json</c> of a split: the source model (relative to the manifest's folder), the shapes its
/// inputs were bound to, the cuts, and the stage files in pipeline order.
/// </summary>
public sealed record SplitManifest(string SourceModel, IReadOnlyDictionary<string, IReadOnlyList<long>> InputShapes, IReadOnlyList<int> Cuts, IReadOnlyList<ManifestStage> Stages)
{
    public const string FileName = "manifest.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Reads the manifest in <paramref name="directory"/> (or the manifest file itself).</summary>
    public static SplitManifest Read(string directory)
    {
        string path = Directory.Exists(directory) ? Path.Combine(directory, FileName) : directory;
        if (!File.Exists(path))
            throw new QuiltNetException(directory, $"no {FileName} found (is it the --out folder of 'quiltnet split'?)");
        try
        {
            var manifest = JsonSerializer.Deserialize<SplitManifest>(File.ReadAllText(path), Json);
            if (manifest is null || manifest.Stages is not { Count: > 0 } || string.IsNullOrEmpty(manifest.SourceModel))
                throw new QuiltNetException(path, "manifest lists no source model or no stages");
            return manifest;
        }
        catch (JsonException e)
        {
            throw new QuiltNetException(path, $"not a valid manifest ({OnnxGraph.FirstLine(e.Message)})");
        }
    }

    public void Write(Stream stream) => JsonSerializer.Serialize(stream, this, Json);
}
