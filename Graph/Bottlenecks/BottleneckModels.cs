using Onnx;

namespace QuiltNet.Graph.Bottlenecks;

/// <summary>
/// Standalone ONNX models of one autoencoder over a tensor: the encoder alone (tensor → code), the
/// decoder alone (code → tensor), or both (tensor → reconstruction), built from the same nodes that get
/// fused into stages.
/// </summary>
public static class BottleneckModels
{
    /// <summary>The encoder of <paramref name="w"/> as a standalone model: <paramref name="tensor"/> in, the code out.</summary>
    public static ModelProto Encoder(BottleneckWeights w, TensorInfo tensor)
    {
        var model = Identity(tensor);
        BottleneckEmitter.AppendEncoder(model, w, cut: 0);
        return model;
    }

    /// <summary>The decoder of <paramref name="w"/> as a standalone model: the code in, <paramref name="tensor"/> rebuilt out.</summary>
    public static ModelProto Decoder(BottleneckWeights w, TensorInfo tensor)
    {
        var model = Identity(tensor);
        BottleneckEmitter.PrependDecoder(model, w, cut: 0);
        return model;
    }

    /// <summary>Tensor → reconstruction, the output named <c>{tensor}::reconstructed</c> (a graph cannot produce its own input).</summary>
    public static ModelProto RoundTrip(BottleneckWeights w, TensorInfo tensor)
    {
        var model = Encoder(w, tensor);
        var decoder = Decoder(w, tensor).Graph;
        string reconstructed = tensor.Name + "::reconstructed";
        foreach (var node in decoder.Node)
            for (int i = 0; i < node.Output.Count; i++)
                if (node.Output[i] == tensor.Name) node.Output[i] = reconstructed;
        decoder.Output[0].Name = reconstructed;
        model.Graph.Node.AddRange(decoder.Node);
        model.Graph.Initializer.AddRange(decoder.Initializer);
        model.Graph.Output.Clear();
        model.Graph.Output.Add(decoder.Output);
        return model;
    }

    /// <summary>A graph that returns its input: emission then turns it into an encoder or a decoder.</summary>
    private static ModelProto Identity(TensorInfo tensor)
    {
        var graph = new GraphProto { Name = "bottleneck" };
        graph.Input.Add(tensor.ToValueInfo());
        graph.Output.Add(tensor.ToValueInfo());
        var model = new ModelProto { IrVersion = 8, Graph = graph, ProducerName = "quiltnet" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = 17 });
        return model;
    }
}
