using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using QuiltNet.Data;
using QuiltNet.Graph;

namespace QuiltNet.Cli;

/// <summary>
/// The options of every command that reads data, defined once: where the data is (--data) and how images become
/// model inputs (--resize, --keep-ratio, --mean, --std, --scale, --layout, --bgr).
/// </summary>
public sealed class DataFlags
{
    public const string SourceHelp =
        "a folder of IDX or .npy splits (train, t10k), a folder of images (PNG, JPEG, BMP, WebP; class subfolders are the labels, " +
        "a flat folder is unlabelled; train/ and val/ or test/ subfolders are its splits), or an .npz archive with one array per input name and optional 'labels'";

    public DataFlags(string description)
    {
        Data = new Option<string?>("--data") { Description = $"{description}: {SourceHelp}." };
    }

    public Option<string?> Data { get; }

    public Option<string?> Resize { get; } = new("--resize") { Description = "Resize every image to HEIGHTxWIDTH (e.g. 224x224); without it images keep their size, which must agree." };

    public Option<bool> KeepRatio { get; } = new("--keep-ratio") { Description = "With --resize: keep the aspect ratio, scaling to fit and padding with black." };

    public Option<string?> Mean { get; } = new("--mean") { Description = "Subtract after scaling: one value, or one per channel comma-separated (e.g. 0.485,0.456,0.406).", };

    public Option<string?> Std { get; } = new("--std") { Description = "Divide after subtracting the mean: one value, or one per channel (e.g. 0.229,0.224,0.225)." };

    public Option<string?> Scale { get; } = new("--scale") { Description = "Multiply each 8-bit value first (default 1/255: values in 0–1); a number or a fraction such as 1/127.5." };

    public Option<ImageLayout> Layout { get; } = new("--layout")
    {
        Description = "Image layout the model takes: nchw (channels first) or nhwc (channels last).",
        DefaultValueFactory = _ => ImageLayout.Nchw,
        CustomParser = ParseLayout,
    };

    public Option<bool> Bgr { get; } = new("--bgr") { Description = "Feed channels in blue, green, red order (models trained with OpenCV)." };

    /// <summary>The options, to add to a command.</summary>
    public IEnumerable<Option> All => [Data, Resize, KeepRatio, Mean, Std, Scale, Layout, Bgr];

    /// <summary>The preprocessing the options give, for a model input of <paramref name="inputShape"/> (its channel count, where it fixes one).</summary>
    public Preprocessing PreprocessingOf(ParseResult result, IReadOnlyList<long>? inputShape)
    {
        var layout = result.GetValue(Layout);
        var preprocessing = new Preprocessing
        {
            Resize = result.GetValue(Resize) is { } size ? ParseSize(size) : null,
            KeepRatio = result.GetValue(KeepRatio),
            Mean = result.GetValue(Mean) is { } mean ? Values(Mean.Name, mean) : Preprocessing.Default.Mean,
            Std = result.GetValue(Std) is { } std ? Values(Std.Name, std) : Preprocessing.Default.Std,
            Scale = result.GetValue(Scale) is { } scale ? Number(Scale.Name, scale) : Preprocessing.Default.Scale,
            Layout = layout,
            Bgr = result.GetValue(Bgr),
            Channels = Channels(inputShape, layout),
        };
        preprocessing.Validate();
        return preprocessing;
    }

    /// <summary>Calibration and evaluation samples of --data (default: the bundled subsets), with a line on stderr saying how they were drawn.</summary>
    public DataSplits Splits(ParseResult result, CommandIO io, IReadOnlyList<long>? inputShape, int calibration, int evaluation)
    {
        var splits = DataSource.Open(result.GetValue(Data) ?? BundledExamples.DataFolder, new DataOptions
        {
            Preprocessing = PreprocessingOf(result, inputShape),
            Calibration = calibration,
            Evaluation = evaluation,
        });
        io.Error.WriteLine($"data: {splits.Description}");
        return splits;
    }

    /// <summary>One set of samples of --data to run or compare on: its evaluation split, or all of it.</summary>
    public SampleSet One(string path, ParseResult result, IReadOnlyList<long>? inputShape, int? limit) =>
        DataSource.OpenOne(path, PreprocessingOf(result, inputShape), limit);

    /// <summary>The declared shape of a model's first input, which tells the channels images need.</summary>
    public static IReadOnlyList<long>? FirstInput(OnnxGraph graph) => graph.Inputs.Count > 0 ? graph.DeclaredInputShape(graph.Inputs[0]) : null;

    private static int Channels(IReadOnlyList<long>? shape, ImageLayout layout)
    {
        if (shape is not { Count: 4 }) return 3;
        long channels = layout == ImageLayout.Nchw ? shape[1] : shape[3];
        return channels == 1 ? 1 : 3;
    }

    private static (int Height, int Width) ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int height) &&
            int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int width) && height > 0 && width > 0)
            return (height, width);
        throw new QuiltNetException("--resize", $"'{text}' is not HEIGHTxWIDTH (e.g. 224x224)");
    }

    private static ImageLayout ParseLayout(ArgumentResult result)
    {
        string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        if (Enum.TryParse(text, ignoreCase: true, out ImageLayout layout) && Enum.IsDefined(layout)) return layout;
        result.AddError($"'{text}' is not nchw or nhwc");
        return default;
    }

    private static float[] Values(string flag, string text) => text.Split(',').Select(v => Number(flag, v)).ToArray();

    private static float Number(string flag, string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length is 1 or 2 && parts.All(p => float.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            float value = float.Parse(parts[0], CultureInfo.InvariantCulture);
            if (parts.Length == 2) value /= float.Parse(parts[1], CultureInfo.InvariantCulture);
            if (float.IsFinite(value)) return value;
        }
        throw new QuiltNetException(flag, $"'{text}' is not a number");
    }
}
