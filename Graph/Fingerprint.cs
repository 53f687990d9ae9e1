using System.Runtime.InteropServices;
using System.Security.Cryptography;
using QuiltNet.Graph.Data;

namespace QuiltNet.Graph;

/// <summary>SHA-256 fingerprints (lowercase hex) that say whether a model file or a data set is the one a result was computed from.</summary>
public static class Fingerprint
{
    /// <summary>The SHA-256 of a file's bytes.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        // A device or a pipe may never end: only files that can be measured are hashed.
        if (!stream.CanSeek) throw new QuiltNetException(path, "is not a regular file");
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The model file's hash; for a model built in memory, its serialised bytes'.</summary>
    public static string Of(OnnxGraph graph) =>
        File.Exists(graph.Path) ? OfFile(graph.Path) : Convert.ToHexStringLower(SHA256.HashData(Google.Protobuf.MessageExtensions.ToByteArray(graph.Model)));

    /// <summary>The SHA-256 of a data set's sample shape, pixels and labels.</summary>
    public static string Of(LabelledImages data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(MemoryMarshal.AsBytes(data.SampleShape.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(data.Pixels.AsSpan()));
        hash.AppendData(MemoryMarshal.AsBytes(data.Labels.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
