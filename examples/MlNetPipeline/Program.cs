// QuiltNet in an ordinary ML.NET app: partition the bundled ResNet-style Fashion-MNIST model at two cuts,
// each sending 16x fewer bytes than its fp32 tensors, train the bottleneck autoencoders on the app's own
// data, evaluate with ML.NET's evaluator, save, reload, predict.
//
//   dotnet run --project examples/MlNetPipeline [-- DATA-FOLDER [OUT-FOLDER]]
using Microsoft.ML;
using Microsoft.ML.Data;
using QuiltNet.Data;
using QuiltNet.Estimators.MlNet;

string root = FindRepository();
string dataFolder = args.Length > 0 ? args[0] : Path.Combine(root, "examples", "data");
string outFolder = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "quiltnet-mlnet-example");
Directory.CreateDirectory(outFolder);

var context = new MLContext(seed: 1);
var train = Images.Load(context, SampleSet.Load(dataFolder, SampleSet.Calibration, 2000));
var test = Images.Load(context, SampleSet.Load(dataFolder, SampleSet.Evaluation, 2000));

// Cut 15 follows the second residual block (32 x 14 x 14), cut 30 the fourth (64 x 7 x 7); see `quiltnet profile`.
string modelFile = Path.Combine(root, "examples", "models", "fmnist_resnet.onnx");
var estimator = context.Transforms.PartitionOnnxModel(outputColumnName: "Score", inputColumnName: "Features", modelFile, cuts: [15, 30]);

// The baseline: the same model unpartitioned, through ML.NET's ONNX transformer (its tensors are named input and logits).
var original = context.Transforms.CopyColumns("input", "Features").Append(context.Transforms.ApplyOnnxModel(modelFile)).Fit(train);
double baseline = context.MulticlassClassification.Evaluate(PredictedLabels.Add(context, original.Transform(test), classes: 10, scoreColumnName: "logits"), "Label", "logits").MicroAccuracy;

Console.WriteLine("Fitting the bottleneck autoencoders (distillation, 15 epochs per cut)...");
using var model = estimator.Fit(train);
var metrics = context.MulticlassClassification.Evaluate(PredictedLabels.Add(context, model.Transform(test), classes: 10), "Label", "Score");
Console.WriteLine($"Accuracy on 2,000 held-out images: partitioned into {model.StageFiles.Count} stages {metrics.MicroAccuracy:P2}, " +
    $"original {baseline:P2} ({100 * (metrics.MicroAccuracy - baseline):+0.00;-0.00} pp)");

string zip = Path.Combine(outFolder, "fmnist_resnet.partitioned.zip");
context.Model.Save(model, train.Schema, zip);
var reloaded = context.Model.Load(zip, out _);
Console.WriteLine($"Saved and reloaded {zip}");

var before = context.Model.CreatePredictionEngine<Images.Row, Images.Prediction>(model);
var after = context.Model.CreatePredictionEngine<Images.Row, Images.Prediction>(reloaded);
int same = 0, shown = 20;
foreach (var row in context.Data.CreateEnumerable<Images.Row>(test, reuseRowObject: false).Take(shown))
{
    var (a, b) = (before.Predict(row), after.Predict(row));
    if (a.Score.SequenceEqual(b.Score)) same++;
}
Console.WriteLine($"Reloaded model predicts identically on {same} of {shown} images");
(reloaded as IDisposable)?.Dispose();
return same == shown ? 0 : 1;

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "QuiltNet.sln"))) return dir.FullName;
    throw new InvalidOperationException("run from inside the QuiltNet repository");
}

/// <summary>Fashion-MNIST as ML.NET rows: 784 pixels and the class as a key (class c is key c + 1).</summary>
internal static class Images
{
    public static IDataView Load(MLContext context, SampleSet images) =>
        context.Data.LoadFromEnumerable(Enumerable.Range(0, images.Count).Select(i => new Row { Features = images.Slice(i, 1), Label = (uint)images.Labels![i] }));

    public sealed class Row
    {
        [VectorType(784)]
        public float[] Features { get; set; } = [];

        [KeyType(10)]
        public uint Label { get; set; }
    }

    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];
    }
}
