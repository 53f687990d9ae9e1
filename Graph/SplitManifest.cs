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
            Check(manifest, path);
            return manifest;
        }
        catch (JsonException e)
        {
            throw new QuiltNetException(path, $"not a valid manifest ({OnnxGraph.FirstLine(e.Message)})");
        }
    }

    /// <summary>What the JSON types alone do not say: every list present, names unique, types known, dimensions possible.</summary>
    private static void Check(SplitManifest manifest, string path)
    {
        if (manifest.Cuts is null || manifest.InputShapes is null)
            throw new QuiltNetException(path, "manifest lists no cuts or no input shapes");
        if (manifest.Cuts.Count != manifest.Stages.Count - 1)
            throw new QuiltNetException(path, $"manifest lists {manifest.Cuts.Count} cuts for {manifest.Stages.Count} stages");
        foreach (var (name, shape) in manifest.InputShapes)
            if (shape is null || HostTensor.SampleElements(shape) is not > 0)
                throw new QuiltNetException(path, $"manifest binds input '{name}' to the shape [{(shape is null ? "" : string.Join(", ", shape))}]; bound shapes have positive dimensions, {HostTensor.MaxSampleElements} elements at most");
        for (int k = 0; k < manifest.Stages.Count; k++)
        {
            var stage = manifest.Stages[k] ?? throw new QuiltNetException(path, $"stage {k} of the manifest is empty");
            if (string.IsNullOrEmpty(stage.File) || stage.Inputs is not { Count: > 0 } || stage.Outputs is not { Count: > 0 })
                throw new QuiltNetException(path, $"stage {k} of the manifest lacks its file, inputs or outputs");
            foreach (var (tensors, side) in new[] { (stage.Inputs, "inputs"), (stage.Outputs, "outputs") })
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var tensor in tensors)
                {
                    if (tensor?.Name is not { Length: > 0 } || tensor.ElementType is null)
                        throw new QuiltNetException(path, $"stage {k} of the manifest has {side} without a name or element type");
                    if (!names.Add(tensor.Name))
                        throw new QuiltNetException(path, $"stage {k} of the manifest lists '{tensor.Name}' twice among its {side}");
                    if (!Enum.GetValues<ElementType>().Any(t => t != ElementType.Undefined && t.OnnxName() == tensor.ElementType))
                        throw new QuiltNetException(path, $"stage {k} of the manifest gives '{tensor.Name}' the unknown element type '{tensor.ElementType}'");
                    if (tensor.Bits is not (null or 4 or 8 or 16 or 32))
                        throw new QuiltNetException(path, $"stage {k} of the manifest sends '{tensor.Name}' at {tensor.Bits} bits; 4, 8, 16 or 32 are possible");
                    CheckShape(tensor.Shape, path, $"'{tensor.Name}' of stage {k}");
                }
            }
        }
    }

    private static void CheckShape(IReadOnlyList<long>? shape, string path, string what)
    {
        if (shape is null || shape.Any(d => d < -1))
            throw new QuiltNetException(path, $"manifest gives {what} the shape [{(shape is null ? "" : string.Join(", ", shape))}]; dimensions are -1 (dynamic) or more");
    }

    /// <summary>Writes the manifest as indented JSON to <paramref name="stream"/>.</summary>
    public void Write(Stream stream) => JsonSerializer.Serialize(stream, this, Json);

    /// <summary>
    /// The path of <paramref name="stage"/>'s file in <paramref name="directory"/>, after checking that it
    /// exists and that its SHA-256 is the one recorded when the split was written.
    /// </summary>
    public static string VerifiedStageFile(string directory, ManifestStage stage)
    {
        string path = ConfinedPath.Resolve(FolderOf(directory), stage.File, Path.Combine(FolderOf(directory), FileName), "the split's folder");
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
