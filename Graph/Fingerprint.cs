using System.Security.Cryptography;

namespace QuiltNet.Graph;

/// <summary>SHA-256 fingerprints (lowercase hex) that say whether a model file is the one a result was computed from.</summary>
public static class Fingerprint
{
    /// <summary>The SHA-256 of a file's bytes.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        // A device or a pipe may never end (/dev/zero reports no length and reads forever): hash the length the file
        // system gives, never more, and refuse what has no length at all.
        if (!stream.CanSeek) throw new QuiltNetException(path, "is not a regular file");
        long length = stream.Length;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        for (long left = length; left > 0;)
        {
            int read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0) break;
            hash.AppendData(buffer, 0, read);
            left -= read;
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The model file's hash; for a model built in memory, its serialised bytes'.</summary>
    public static string Of(OnnxGraph graph) =>
        File.Exists(graph.Path) ? OfFile(graph.Path) : Convert.ToHexStringLower(SHA256.HashData(Google.Protobuf.MessageExtensions.ToByteArray(graph.Model)));
}
