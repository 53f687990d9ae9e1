using System.Globalization;
using QuiltNet.Graph;

namespace QuiltNet.Bench;

/// <summary>
/// Profile totals of torchvision reference models against the MACs and parameters torchvision
/// publishes for them (its model documentation's GFLOPS column counts multiply-accumulates).
/// </summary>
internal static class PublishedFigures
{
    private static readonly (string File, string Name, double GMacs, double MParams)[] Published =
    [
        ("resnet50.onnx", "ResNet-50", 4.09, 25.557),
        ("mobilenet_v2.onnx", "MobileNetV2", 0.30, 3.505),
        ("vgg16.onnx", "VGG-16", 15.47, 138.358),
    ];

    public static int Run(string folder, string? output)
    {
        var rows = new List<string>
        {
            "Exported with `bench/torchvision/export_reference.py` (torchvision, weights=None, opset 17, BatchNorm folded by the exporter). Published figures: torchvision's model documentation.",
            "",
            Markdown.Row("model", "published GMACs", "QuiltNet GMACs", "error", "published M params", "QuiltNet M params", "error"),
            Markdown.Row("---", "---:", "---:", "---:", "---:", "---:", "---:"),
        };
        bool ok = true;
        foreach (var (file, name, gmacs, mparams) in Published)
        {
            var totals = ModelProfiler.Profile(OnnxGraph.Load(Path.Combine(folder, file))).Totals;
            double macs = totals.Macs / 1e9, parameters = totals.Parameters / 1e6;
            double macError = (macs - gmacs) / gmacs, paramError = (parameters - mparams) / mparams;
            ok &= Math.Abs(macError) <= 0.02 && Math.Abs(paramError) <= 0.02;
            rows.Add(Markdown.Row(name, F(gmacs, "0.00"), F(macs, "0.000"), F(Math.Round(100 * macError, 2), "+0.00;-0.00;0.00") + " %", F(mparams, "0.000"), F(parameters, "0.000"), F(Math.Round(100 * paramError, 2), "+0.00;-0.00;0.00") + " %"));
        }
        rows.Add("");
        rows.Add("Parameters after BatchNorm folding: each folded BN leaves one bias per channel instead of its weight and bias, so the count sits slightly below torchvision's.");
        Markdown.Write(output, "Profile totals against published torchvision figures", $"dotnet run -c Release --project bench/QuiltNet.Bench -- published-figures {folder}", rows);
        return ok ? 0 : 2;
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
