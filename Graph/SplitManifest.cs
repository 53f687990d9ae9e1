using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuiltNet.Graph;

/// <summary>
/// One tensor at a stage boundary as the manifest records it. <see cref="Bits"/> is set where a link
/// carries fewer bits per element than the element type stores: 4-bit codes travel in uint8 tensors.
/// </summary>
public sealed record ManifestTensor(string Name, string ElementType, IReadOnlyList<long> Shape, int? Bits = null)
{
    /// <summary>Bits per element on a link: <see cref="Bits"/>, else the element type's own size.</summary>
    [JsonIgnore]
    public int LinkBits => Bits ?? ElementTypeNames.Parse(ElementType).Bits();
}

/// <summary>
/// One stage file: the node positions it holds, the tensors it takes and returns (in order), and the
/// SHA-256 of the file as written, so a stage altered or replaced afterwards is refused.
/// </summary>
public sealed record ManifestStage(string File, int Start, int End, IReadOnlyList<ManifestTensor> Inputs, IReadOnlyList<ManifestTensor> Outputs, string? Sha256 = null)
{
    /// <summary>The lowercase hex SHA-256 of a stage file's bytes, as the manifest records it.</summary>
    public static string Hash(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

/// <summary>
/// <c>manifest.json</c> of a split: the source model (relative to the manifest's folder), the shapes its
/// inputs were bound to, the cuts, and the stage files in pipeline order.
/// </summary>
public sealed record SplitManifest(string SourceModel, IReadOnlyDictionary<string, IReadOnlyList<long>> InputShapes, IReadOnlyList<int> Cuts, IReadOnlyList<ManifestStage> Stages)
{
    /// <summary>The manifest's file name inside a stages folder.</summary>
    public const string FileName = "manifest.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The folder holding the manifest and stage files, given that folder or the manifest file.</summary>
    public static string FolderOf(string directory) => Directory.Exists(directory) ? directory : Path.GetDirectoryName(Path.GetFullPath(directory))!;

    /// <summary>Reads the manifest in <paramref name="directory"/> (or the manifest file itself).</summary>
    public static SplitManifest Read(string directory)
    {
        string path = Directory.Exists(directory) ? Path.Combine(directory, FileName) : directory;
        if (!File.Exists(path))
            throw new QuiltNetException(directory, $"no {FileName} found (is it a folder of stages written by split?)");
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

    /// <summary>Writes the manifest as indented JSON to <paramref name="stream"/>.</summary>
    public void Write(Stream stream) => JsonSerializer.Serialize(stream, this, Json);

    /// <summary>
    /// The path of <paramref name="stage"/>'s file in <paramref name="directory"/>, after checking that it
    /// exists and that its SHA-256 is the one recorded when the split was written.
    /// </summary>
    public static string VerifiedStageFile(string directory, ManifestStage stage)
    {
        string path = Path.Combine(FolderOf(directory), stage.File);
        if (!File.Exists(path))
            throw new QuiltNetException(path, "stage file named by the manifest not found");
        if (stage.Sha256 is null)
            throw new QuiltNetException(path, "the manifest records no SHA-256 for it (written by an older 'quiltnet split'): split the model again");
        string actual = ManifestStage.Hash(File.ReadAllBytes(path));
        if (!string.Equals(actual, stage.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new QuiltNetException(path, "its SHA-256 does not match the one in the manifest: the stage file was changed after the split");
        return path;
    }
}
