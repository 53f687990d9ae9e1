using Google.Protobuf;
using QuiltNet.Graph;

namespace QuiltNet.Runtime.Distributed;

/// <summary>
/// Where a worker's stage comes from: bytes the caller sent, which must have the SHA-256 the caller
/// names, or a file the caller names inside the worker's own stage folder — never a path outside it.
/// </summary>
internal static class StageSource
{
    public static byte[] Uploaded(ByteString onnx, string sha256)
    {
        if (string.IsNullOrEmpty(sha256))
            throw new QuiltNetException("stage upload", "carries no SHA-256 to check it against");
        byte[] bytes = onnx.ToByteArray();
        string actual = ManifestStage.Hash(bytes);
        if (!string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
            throw new QuiltNetException("stage upload", $"SHA-256 is {actual}, not the {sha256} the plan records");
        return bytes;
    }

    public static byte[] FromFolder(string? folder, string path, string sha256)
    {
        if (folder is null)
            throw new QuiltNetException(path, "this worker has no stage folder to read stages from");
        string full = ConfinedPath.Resolve(folder, path, path, "the worker's stage folder");
        if (!File.Exists(full))
            throw new QuiltNetException(path, "not found in the worker's stage folder");
        byte[] bytes = File.ReadAllBytes(full);
        if (!string.IsNullOrEmpty(sha256) && !string.Equals(ManifestStage.Hash(bytes), sha256, StringComparison.OrdinalIgnoreCase))
            throw new QuiltNetException(path, $"SHA-256 is {ManifestStage.Hash(bytes)}, not the {sha256} the plan records");
        return bytes;
    }
}
