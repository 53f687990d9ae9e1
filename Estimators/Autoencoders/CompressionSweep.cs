using System.Diagnostics;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;
using QuiltNet.Graph.Data;

namespace QuiltNet.Estimators.Autoencoders;

/// <summary>
/// Measures what each compression option costs at each cut: autoencoders are fitted on calibration data
/// (once per ratio; each bit width reuses the trained weights with its own calibrated range), fused into
/// the stages, and the partitioned model's accuracy is measured with ONNX Runtime on evaluation data the
/// autoencoders never saw.
/// </summary>
public static class CompressionSweep
{
    public static IReadOnlyList<CompressionRow> Run(
        OnnxGraph graph, TensorShapes shapes, IReadOnlyList<int> cuts, IReadOnlyList<int> ratios, IReadOnlyList<int> bits, int stride,
        LabelledImages calibration, LabelledImages evaluation, TrainingOptions training, IProgress<(string Step, double Done)>? progress = null)
    {
        BottleneckFitting.Validate(ratios, [stride], bits);
        var input = shapes.Inputs[0];
        string output = graph.Outputs[0];
        double original;
        using (var model = new OnnxRunner(OrtSessions.Open(graph.Path)))
            original = Top1.Accuracy(f => model.Run(f), input, output, evaluation);

        var rows = new List<CompressionRow>();
        int done = 0, total = cuts.Count * ratios.Count;
        foreach (int cut in cuts)
        {
            var frontier = CutPoints.At(graph, shapes, cut).Tensors;
            var names = frontier.Select(t => t.Name).ToList();
            var captured = ActivationCapture.Capture(graph, shapes, [.. names, output], calibration);
            var held = ActivationCapture.Capture(graph, shapes, names, evaluation);
            foreach (int ratio in ratios)
            {
                progress?.Report(($"cut {cut}, {ratio}x", (double)done / total));
                var clock = Stopwatch.StartNew();
                var initial = frontier.Select(t => PcaInitializer.Fit(captured[t.Name], new BottleneckOption(Math.Max(1, captured[t.Name].Channels / ratio), stride))).ToList();
                var trained = AutoencoderTrainer.Train(graph, shapes, cut, initial, captured, training);
                double seconds = clock.Elapsed.TotalSeconds;
                foreach (int b in bits)
                {
                    clock.Restart();
                    var weights = Quantised(graph, shapes, cut, trained, b, captured, training);
                    double quantisationSeconds = clock.Elapsed.TotalSeconds;
                    var stages = ModelSplitter.Stages(graph, shapes, [cut], new Dictionary<int, IReadOnlyList<BottleneckWeights>> { [cut] = weights });
                    double accuracy;
                    using (var chain = new StageChain(stages.Select(s => new OnnxRunner(OrtSessions.Open(Google.Protobuf.MessageExtensions.ToByteArray(s))))))
                        accuracy = Top1.Accuracy(f => chain.Run(f), input, output, evaluation);
                    double error = weights.Sum(w => ReconstructionError.Measure(w, held[w.Tensor]) * Energy(held[w.Tensor])) / weights.Sum(w => Energy(held[w.Tensor]));
                    rows.Add(new CompressionRow(cut, ratio, stride, b, training.Method.ToString().ToLowerInvariant(),
                        frontier.Sum(t => t.Bytes), weights.Sum(CodeBytes), error, accuracy, 100 * (original - accuracy), seconds + quantisationSeconds));
                }
                done++;
            }
        }
        progress?.Report(("done", 1));
        return rows;
    }

    /// <summary>
    /// The trained weights at <paramref name="bits"/>: fp32 and fp16 codes use them as they are; 8- and 4-bit
    /// codes are fine-tuned from them with quantisation in the loop (a third of the epochs), then their
    /// ranges calibrated.
    /// </summary>
    private static IReadOnlyList<BottleneckWeights> Quantised(OnnxGraph graph, TensorShapes shapes, int cut, IReadOnlyList<BottleneckWeights> trained,
        int bits, IReadOnlyDictionary<string, CapturedTensor> captured, TrainingOptions training)
    {
        var atBits = trained.Select(w => w with { Option = w.Option with { Bits = bits } }).ToList();
        if (bits <= 8)
            atBits = AutoencoderTrainer.Train(graph, shapes, cut, atBits, captured, training with { Epochs = Math.Max(1, training.Epochs / 3) }).ToList();
        return atBits.Select(w => CodeRange.Calibrate(w, captured[w.Tensor])).ToList();
    }

    /// <summary>Bytes of one sample's code at batch 1.</summary>
    private static long CodeBytes(BottleneckWeights w) => w.Option.Bits * w.CodeWidth * w.Positions / w.Option.Stride / w.Option.Stride / 8;

    private static double Energy(CapturedTensor t) => t.Values.Sum(v => (double)v * v);
}
