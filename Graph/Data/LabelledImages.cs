namespace QuiltNet.Graph.Data;

/// <summary>
/// Images with class labels, pixel values scaled to [0, 1]: one sample is <see cref="SampleShape"/>
/// floats. Loaded from a folder holding Fashion-MNIST-style IDX files (plain or gzip) or
/// <c>{split}-images.npy</c> / <c>{split}-labels.npy</c>.
/// </summary>
public sealed record LabelledImages(float[] Pixels, int[] Labels, long[] SampleShape, string Source)
{
    /// <summary>Evaluation split (Fashion-MNIST's test set).</summary>
    public const string Evaluation = "t10k";

    /// <summary>Calibration split (drawn from Fashion-MNIST's training set).</summary>
    public const string Calibration = "train";

    /// <summary>The number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Values in one sample (the product of <see cref="SampleShape"/>).</summary>
    public long SampleSize => SampleShape.Aggregate(1L, (p, d) => p * d);

    /// <summary>The first <paramref name="count"/> samples from <paramref name="start"/>.</summary>
    public float[] Slice(int start, int count) => Pixels.AsSpan((int)(start * SampleSize), (int)(count * SampleSize)).ToArray();

    /// <summary>
    /// Samples [start, start+count) shaped as a batch for a model input of shape <paramref name="input"/>
    /// (its first dimension is the batch), after checking that one sample holds as many values as the input takes.
    /// </summary>
    public HostTensor Batch(int start, int count, TensorInfo input)
    {
        long perSample = input.Shape.Skip(1).Aggregate(1L, (p, d) => p * d);
        if (perSample != SampleSize)
            throw new ArgumentException($"samples of {Source} have {SampleSize} values ({string.Join('x', SampleShape)}), but input '{input.Name}' takes {string.Join('x', input.Shape.Skip(1))} = {perSample}", "data");
        return HostTensor.Float([count, .. input.Shape.Skip(1)], Slice(start, count));
    }

    /// <summary>Loads the <paramref name="split"/> split from <paramref name="directory"/> (IDX files, plain or gzip, or .npy).</summary>
    /// <param name="directory">The data folder.</param>
    /// <param name="split"><see cref="Evaluation"/>, <see cref="Calibration"/> or another split's file prefix.</param>
    /// <param name="limit">The most samples to keep, from the first; null keeps all.</param>
    /// <exception cref="QuiltNetException">The folder or the split's files are missing or malformed.</exception>
    public static LabelledImages Load(string directory, string split, int? limit = null)
    {
        if (!Directory.Exists(directory))
            throw new QuiltNetException(directory, "data folder not found");
        var (images, labels) = Find(directory, split)
            ?? throw new QuiltNetException(directory, $"no {split} data: expected {split}-images-idx3-ubyte[.gz] and {split}-labels-idx1-ubyte[.gz], or {split}-images.npy and {split}-labels.npy");
        NdArray x = Read(images), y = Read(labels);
        if (x.Shape.Length < 2)
            throw new QuiltNetException(images, $"expected images of shape N x ..., got {string.Join('x', x.Shape)}");
        if (y.Shape.Length != 1 || y.Shape[0] != x.Shape[0])
            throw new QuiltNetException(labels, $"{y.Count} labels for {x.Count} images");
        int count = (int)Math.Min(x.Count, limit ?? long.MaxValue);
        long[] sample = x.Shape[1..];
        long size = sample.Aggregate(1L, (p, d) => p * d);
        float scale = x.IsBytes ? 1f / 255f : 1f;
        var pixels = new float[count * size];
        for (long i = 0; i < pixels.Length; i++) pixels[i] = x.Values[i] * scale;
        var classes = y.Values.Take(count).Select(v => (int)v).ToArray();
        return new LabelledImages(pixels, classes, sample, images);
    }

    private static (string Images, string Labels)? Find(string directory, string split)
    {
        foreach (var (images, labels) in new[]
                 {
                     ($"{split}-images-idx3-ubyte", $"{split}-labels-idx1-ubyte"),
                     ($"{split}-images-idx3-ubyte.gz", $"{split}-labels-idx1-ubyte.gz"),
                     ($"{split}-images.npy", $"{split}-labels.npy"),
                 })
        {
            string x = Path.Combine(directory, images), y = Path.Combine(directory, labels);
            if (File.Exists(x) && File.Exists(y)) return (x, y);
        }
        return null;
    }

    private static NdArray Read(string path) => path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? NpyReader.Read(path) : IdxReader.Read(path);
}
