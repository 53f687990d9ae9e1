using System.IO.Compression;
using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>Opens a data file for reading, undoing gzip compression when the file starts with its magic bytes.</summary>
internal static class DataFileReader
{
    public static byte[] ReadAll(string path)
    {
        if (!File.Exists(path))
            throw new QuiltNetException(path, "file not found");
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b)
            return bytes;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var plain = new MemoryStream();
            gzip.CopyTo(plain);
            return plain.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new QuiltNetException(path, $"corrupt gzip data ({e.Message})");
        }
    }
}
