using System.Globalization;
using Google.Protobuf;
using Onnx;

namespace QuiltNet.Graph;

/// <summary>
/// Reads initializers stored in external data files into the model, so the graph in memory is
/// self-contained and stages can be written as single files. The files must lie in the model's folder (as
/// ONNX requires), and offsets and lengths are checked against the file before anything is allocated.
/// </summary>
internal static class ExternalData
{
    public static void ReadInto(ModelProto model, string modelPath)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(modelPath))!;
        foreach (var tensor in model.Graph.Initializer)
        {
            if (tensor.DataLocation != TensorProto.Types.DataLocation.External)
                continue;
            string what = $"initializer '{tensor.Name}'";
            var entries = tensor.ExternalData.GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Last().Value);
            if (!entries.TryGetValue("location", out var location))
                throw new QuiltNetException(modelPath, $"{what} is external but names no location");
            string file = ConfinedPath.Resolve(directory, location, $"{modelPath}: {what}", "the model's folder");
            if (!File.Exists(file))
                throw new QuiltNetException(modelPath, $"external data file {location} of {what} not found");
            using var stream = File.OpenRead(file);
            long size = stream.Length;
            long offset = Figure(entries, "offset", 0, modelPath, what);
            long length = Figure(entries, "length", size - Math.Min(offset, size), modelPath, what);
            // Subtraction, not offset + length: neither can overflow once both are known to be non-negative.
            if (offset > size || length > size - offset)
                throw new QuiltNetException(modelPath, $"external data of {what} (offset {offset}, length {length}) runs past the end of {location} ({size} bytes)");
            if (length > Array.MaxLength)
                throw new QuiltNetException(modelPath, $"external data of {what} in {location} is {length} bytes, more than one tensor can hold in memory");
            var bytes = new byte[length];
            stream.Seek(offset, SeekOrigin.Begin);
            stream.ReadExactly(bytes);
            tensor.RawData = ByteString.CopyFrom(bytes);
            tensor.ExternalData.Clear();
            tensor.DataLocation = TensorProto.Types.DataLocation.Default;
        }
    }

    private static long Figure(Dictionary<string, string> entries, string key, long absent, string modelPath, string what)
    {
        if (!entries.TryGetValue(key, out var text)) return absent;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new QuiltNetException(modelPath, $"{what} has external data {key} '{text}', not a whole number of bytes");
    }
}
