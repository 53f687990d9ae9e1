using System.Security.Cryptography;

namespace QuiltNet.Graph;

/// <summary>SHA-256 fingerprints (lowercase hex) that say whether a model file is the one a result was computed from.</summary>
public static class Fingerprint
{
    /// <summary>The SHA-256 of a file's bytes.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The model file's hash; for a model built in memory, its serialised bytes'.</summary>
    public static string Of(OnnxGraph graph) =>
        File.Exists(graph.Path) ? OfFile(graph.Path) : Convert.ToHexStringLower(SHA256.HashData(Google.Protobuf.MessageExtensions.ToByteArray(graph.Model)));
}
