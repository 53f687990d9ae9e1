using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Graph.Bottlenecks;

namespace QuiltNet.Bench;

/// <summary>
/// Distillation training of one autoencoder — 2,000 samples at a 64 × 14 × 14 cut of the VGG-style
/// example, code 16 of 64, 15 epochs — and its PCA initialisation, beside the same training in PyTorch
/// (bench/pytorch/distillation_speed.py, run in the same session when Debian's python3-torch is there).
/// </summary>
internal static class DistillationSpeed
{
    public static int Run(string repository, string? output)
    {
        var graph = OnnxGraph.Load(Path.Combine(repository, "examples", "models", "fmnist_vgg.onnx"));
        var shapes = TensorShapeInference.Infer(graph);
        var cut = CutPoints.Candidates(graph, shapes).Last(c => c.Tensors is [{ Shape: [_, 64, 14, 14] }]);
        string tensor = cut.Tensors[0].Name;
        var calibration = SampleSet.Load(Path.Combine(repository, "examples", "data"), SampleSet.Calibration, 2000);
        var training = new TrainingOptions { Epochs = 15 };

        var clock = Stopwatch.StartNew();
        var target = DistillationTarget.Find(graph, shapes, cut.Position);
        var captured = ActivationCapture.Capture(graph, shapes, [tensor, .. target.Tensors], calibration);
        double captureSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var initial = PcaInitializer.Fit(captured[tensor], new BottleneckOption(16));
        double pcaSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        AutoencoderTrainer.Train(graph, shapes, cut.Position, [initial], captured, target, training);
        double trainSeconds = clock.Elapsed.TotalSeconds;

        double? torchSeconds = PyTorchSeconds(repository, out string torchNote);
        string F(double v) => v.ToString("0.00", CultureInfo.InvariantCulture);
        Markdown.Write(output, "Distillation training speed",
            "dotnet run -c Release --project bench/QuiltNet.Bench -- distillation-speed . bench/results/distillation-speed.md",
            [
                $"`fmnist_vgg.onnx`, cut {cut.Position} (`{tensor}`, 64 × 14 × 14), code 16 of 64 channels, 2,000 calibration images, batch {training.BatchSize}, " +
                $"{training.Epochs} epochs, Adam {training.LearningRate.ToString(CultureInfo.InvariantCulture)}, KL divergence on the model's logits. " +
                "QuiltNet runs forward and generated backward graphs in ONNX Runtime (Adam in C#); PyTorch trains the same architecture with autograd on two threads.",
                "",
                Markdown.Row("step", "QuiltNet", "PyTorch (same training)", "QuiltNet / PyTorch", "target"),
                Markdown.Row("---", "---:", "---:", "---:", "---"),
                Markdown.Row("capture activations and teacher logits (2,000 images)", F(captureSeconds) + " s", "", "", ""),
                Markdown.Row("PCA initialisation", F(pcaSeconds) + " s", "", "", "< 2 s"),
                Markdown.Row("distillation training, 15 epochs", F(trainSeconds) + " s",
                    torchSeconds is { } t ? F(t) + " s" : "—", torchSeconds is { } r ? F(trainSeconds / r) + "×" : "—", "< 60 s"),
                "",
                torchNote,
            ]);
        return pcaSeconds < 2 && trainSeconds < 60 ? 0 : 2;
    }

    private static double? PyTorchSeconds(string repository, out string note)
    {
        string script = Path.Combine(repository, "bench", "pytorch", "distillation_speed.py");
        try
        {
            using var process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            string stdout = process.StandardOutput.ReadToEnd();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                note = $"PyTorch run failed: {stderr.Trim().Split('\n').Last()}";
                return null;
            }
            using var json = JsonDocument.Parse(stdout);
            note = $"PyTorch {json.RootElement.GetProperty("torch").GetString()}, {json.RootElement.GetProperty("threads").GetInt32()} threads, run right after QuiltNet in the same process tree.";
            return json.RootElement.GetProperty("seconds").GetDouble();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            note = "No /usr/bin/python3 here: install Debian's python3-torch for the PyTorch column.";
            return null;
        }
    }
}
