using System.IO.Compression;
using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>Reads NumPy <c>.npz</c> archives (<c>numpy.savez</c>, compressed or not): one array per member, by name.</summary>
internal static class NpzReader
{
    public static IReadOnlyDictionary<string, NdArray> Read(string path)
    {
        if (!File.Exists(path))
            throw new QuiltNetException(path, "file not found");
        try
        {
            using var archive = ZipFile.OpenRead(path);
            var arrays = new Dictionary<string, NdArray>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries.Where(e => e.Name.EndsWith(".npy", StringComparison.Ordinal)).OrderBy(e => e.FullName, StringComparer.Ordinal))
            {
                if (entry.Length > Array.MaxLength)
                    throw new QuiltNetException($"{path}:{entry.FullName}", "array too large to read");
                using var stream = entry.Open();
                var bytes = new byte[entry.Length];
                stream.ReadExactly(bytes);
                arrays[entry.FullName[..^".npy".Length]] = NpyReader.Parse(bytes, $"{path}:{entry.FullName}");
            }
            if (arrays.Count == 0)
                throw new QuiltNetException(path, ".npz archive holds no arrays");
            return arrays;
        }
        catch (InvalidDataException e)
        {
            throw new QuiltNetException(path, $"not a readable .npz archive ({e.Message.Split('\n', 2)[0].Trim()})");
        }
    }
}
