using Google.Protobuf;
using Onnx;

namespace QuiltNet.Graph;

/// <summary>
/// Reads initializers stored in external data files into the model, so the graph in memory is
/// self-contained and stages can be written as single files.
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
            var entries = tensor.ExternalData.ToDictionary(e => e.Key, e => e.Value);
            if (!entries.TryGetValue("location", out var location))
                throw new QuiltNetException(modelPath, $"initializer '{tensor.Name}' is external but names no location");
            string file = Path.GetFullPath(Path.Combine(directory, location));
            if (!File.Exists(file))
                throw new QuiltNetException(file, $"external data file of initializer '{tensor.Name}' not found");
            long offset = entries.TryGetValue("offset", out var o) ? long.Parse(o) : 0;
            using var stream = File.OpenRead(file);
            long length = entries.TryGetValue("length", out var l) ? long.Parse(l) : stream.Length - offset;
            if (offset + length > stream.Length)
                throw new QuiltNetException(file, $"external data of initializer '{tensor.Name}' runs past the end of the file");
            var bytes = new byte[length];
            stream.Seek(offset, SeekOrigin.Begin);
            stream.ReadExactly(bytes);
            tensor.RawData = ByteString.CopyFrom(bytes);
            tensor.ExternalData.Clear();
            tensor.DataLocation = TensorProto.Types.DataLocation.Default;
        }
    }
}
