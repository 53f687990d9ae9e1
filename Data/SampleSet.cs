using System.Runtime.InteropServices;
using System.Security.Cryptography;
using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>
/// Samples to feed a model, with a class label each or unlabelled (<see cref="Labels"/> null). Loaded from a folder
/// holding Fashion-MNIST-style IDX files (plain or gzip, pixel bytes scaled to [0, 1]) or
/// <c>{split}-images.npy</c> / <c>{split}-labels.npy</c>; one sample is <see cref="SampleShape"/> values.
/// </summary>
public sealed class SampleSet
{
    /// <summary>Evaluation split (Fashion-MNIST's test set).</summary>
    public const string Evaluation = "t10k";

    /// <summary>Calibration split (drawn from Fashion-MNIST's training set).</summary>
    public const string Calibration = "train";

    private readonly IReadOnlyList<SampleColumn> _columns;
    private readonly Lazy<string> _fingerprint;

    /// <summary>Samples held in memory: <paramref name="values"/> holds them one after another, each <paramref name="sampleShape"/>.</summary>
    /// <param name="values">The samples' values, row-major, sample after sample.</param>
    /// <param name="labels">One class per sample, or null for unlabelled samples.</param>
    /// <param name="sampleShape">The shape of one sample (no batch dimension).</param>
    /// <param name="source">Where the samples come from, for messages.</param>
    /// <exception cref="ArgumentException">The values are not a whole number of samples, or the labels do not count them.</exception>
    public SampleSet(float[] values, int[]? labels, long[] sampleShape, string source)
        : this([InMemory(values, sampleShape)], labels, source)
    {
    }

    internal SampleSet(IReadOnlyList<SampleColumn> columns, int[]? labels, string source, int? count = null)
    {
        _columns = columns;
        Count = count ?? ((ArrayColumn)columns[0]).Count;
        if (labels is not null && labels.Length != Count)
            throw new ArgumentException($"{labels.Length} labels for {Count} samples of {source}", nameof(labels));
        Labels = labels;
        Source = source;
        _fingerprint = new(ComputeFingerprint);
    }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>Each sample's class, or null where the samples are unlabelled.</summary>
    public int[]? Labels { get; }

    /// <summary>The class names, label i naming the i-th (an image folder's class subfolders); null where the data names none.</summary>
    public IReadOnlyList<string>? Classes { get; init; }

    /// <summary>Whether the samples have labels.</summary>
    public bool HasLabels => Labels is not null;

    /// <summary>Where the samples come from (a file or folder), for messages.</summary>
    public string Source { get; }

    /// <summary>The shape of one sample (of the first input's, where the data feeds several).</summary>
    public long[] SampleShape => _columns[0].SampleShape;

    /// <summary>Values in one sample (the product of <see cref="SampleShape"/>).</summary>
    public long SampleSize => _columns[0].SampleSize;

    /// <summary>The values of samples [start, start+count), one after another (of the first input's, where the data feeds several).</summary>
    public float[] Slice(int start, int count) => Read(_columns[0], start, count);

    /// <summary>
    /// Samples [start, start+count) shaped as a batch for a model input of shape <paramref name="input"/>
    /// (its first dimension is the batch), after checking that one sample holds as many values as the input takes.
    /// </summary>
    public HostTensor Batch(int start, int count, TensorInfo input) => Batch(ColumnFor(input, single: true), start, count, input);

    /// <summary>
    /// Samples [start, start+count) as a feed for every one of <paramref name="inputs"/>: the data's only column for a
    /// model with one input, otherwise the column named as each input.
    /// </summary>
    /// <exception cref="ArgumentException">An input has no column, or a sample does not fit its input's shape.</exception>
    public IReadOnlyDictionary<string, HostTensor> Feeds(int start, int count, IReadOnlyList<TensorInfo> inputs) =>
        inputs.ToDictionary(input => input.Name, input => Batch(ColumnFor(input, single: inputs.Count == 1), start, count, input));

    /// <summary>The SHA-256 (lowercase hex) of what the samples are: shapes, values (or the files they are read from) and labels.</summary>
    public string Fingerprint() => _fingerprint.Value;

    /// <summary>Loads the <paramref name="split"/> split from <paramref name="directory"/> (IDX files, plain or gzip, or .npy).</summary>
    /// <param name="directory">The data folder.</param>
    /// <param name="split"><see cref="Evaluation"/>, <see cref="Calibration"/> or another split's file prefix.</param>
    /// <param name="limit">The most samples to keep, from the first; null keeps all.</param>
    /// <exception cref="QuiltNetException">The folder or the split's files are missing or malformed.</exception>
    public static SampleSet Load(string directory, string split, int? limit = null) => Load(directory, split, limit, Preprocessing.Default);

    /// <summary>Loads a split as <see cref="Load(string, string, int?)"/> does, byte values mapped by <paramref name="preprocessing"/>'s scale, mean and std.</summary>
    internal static SampleSet Load(string directory, string split, int? limit, Preprocessing preprocessing)
    {
        if (!Directory.Exists(directory))
            throw new QuiltNetException(directory, "data folder not found");
        var (images, labels) = Find(directory, split)
            ?? throw new QuiltNetException(directory, $"no {split} data: expected {split}-images-idx3-ubyte[.gz] and {split}-labels-idx1-ubyte[.gz], or {split}-images.npy (and {split}-labels.npy if labelled)");
        NdArray x = ReadArray(images);
        NdArray? y = labels is null ? null : ReadArray(labels);
        if (x.Shape.Length < 2)
            throw new QuiltNetException(images, $"expected images of shape N x ..., got {string.Join('x', x.Shape)}");
        if (y is not null && (y.Shape.Length != 1 || y.Shape[0] != x.Shape[0]))
            throw new QuiltNetException(labels!, $"{y.Count} labels for {x.Count} images");
        int count = (int)Math.Min(x.Count, limit ?? long.MaxValue);
        long[] sample = x.Shape[1..];
        if (sample.Any(d => d <= 0))
            throw new QuiltNetException(images, $"samples of shape {string.Join('x', sample)} hold no values");
        long size = sample.Aggregate(1L, (p, d) => p * d); // at most the values read, so no overflow
        var pixels = new float[count * size];
        for (long i = 0; i < pixels.Length; i++)
            if (!float.IsFinite(pixels[i] = x.IsBytes ? preprocessing.Normalise(x.Values[i], 0) : x.Values[i]))
                throw new QuiltNetException(images, $"sample {i / size} holds {x.Values[i]}; values must be finite numbers");
        int[]? classes = y is null ? null : new int[count];
        for (int i = 0; classes is not null && i < count; i++)
            classes[i] = y!.Values[i] is var label && label >= 0 && label < int.MaxValue && label == MathF.Floor(label)
                ? (int)label
                : throw new QuiltNetException(labels!, $"label {i} is {y.Values[i]}, not a class index (a whole number, 0 or more)");
        return new SampleSet(pixels, classes, sample, images);
    }

    /// <summary>The samples at <paramref name="rows"/>, in that order, read from this set's columns.</summary>
    internal SampleSet Rows(int[] rows, string source) =>
        new(_columns.Select(c => (SampleColumn)new RowsColumn(c, rows)).ToList(), Labels is null ? null : rows.Select(r => Labels[r]).ToArray(), source, rows.Length) { Classes = Classes };

    /// <summary>The first <paramref name="count"/> samples (all where there are fewer).</summary>
    internal SampleSet Take(int count) => count >= Count ? this : Rows(Enumerable.Range(0, count).ToArray(), Source);

    private static ArrayColumn InMemory(float[] values, long[] sampleShape)
    {
        long size = sampleShape.Aggregate(1L, (p, d) => p * d);
        if (sampleShape.Any(d => d <= 0) || values.LongLength % size != 0)
            throw new ArgumentException($"{values.LongLength} values are not a whole number of samples of shape {string.Join('x', sampleShape)}", nameof(values));
        return new ArrayColumn(null, sampleShape, values);
    }

    /// <summary>The shape of one sample of the data that feeds model input <paramref name="input"/> (one of <paramref name="inputs"/> inputs).</summary>
    internal long[] SampleShapeFor(string input, int inputs) => ColumnFor(input, single: inputs == 1).SampleShape;

    private SampleColumn ColumnFor(TensorInfo input, bool single) => ColumnFor(input.Name, single);

    private SampleColumn ColumnFor(string input, bool single)
    {
        if (single && _columns.Count == 1)
            return _columns[0];
        if (_columns.FirstOrDefault(c => c.Name == input) is { } named)
            return named;
        // Images and splits hold one unnamed array, which can only feed a model with one input.
        string held = _columns.All(c => c.Name is null)
            ? "its samples feed a model with one input; give an .npz archive with one array per input name"
            : $"it has {string.Join(", ", _columns.Select(c => $"'{c.Name}'"))}";
        throw new ArgumentException($"{Source} has no data for input '{input}' ({held})", "data");
    }

    private HostTensor Batch(SampleColumn column, int start, int count, TensorInfo input)
    {
        long[] dims = input.Shape.Skip(1).ToArray();
        // Dimensions an input leaves dynamic (-1: an image model's height and width) take the samples' own.
        if (dims.Any(d => d < 0) && dims.Length == column.SampleShape.Length && dims.Zip(column.SampleShape).All(p => p.First < 0 || p.First == p.Second))
            dims = column.SampleShape;
        long perSample = dims.Aggregate(1L, (p, d) => p * d);
        if (perSample != column.SampleSize)
            throw new ArgumentException($"samples of {Source} have {column.SampleSize} values ({string.Join('x', column.SampleShape)}), but input '{input.Name}' takes {string.Join('x', input.Shape.Skip(1))} = {perSample}", "data");
        return HostTensor.Float([count, .. dims], Read(column, start, count));
    }

    private float[] Read(SampleColumn column, int start, int count)
    {
        if (start < 0 || count < 0 || start > Count - count)
            throw new ArgumentOutOfRangeException(nameof(start), $"samples [{start}, {start + count}) are outside the {Count} of {Source}");
        int size = checked((int)column.SampleSize);
        var values = new float[checked(count * size)];
        for (int i = 0; i < count; i++)
            column.Read(start + i, values.AsSpan(i * size, size));
        return values;
    }

    private string ComputeFingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var column in _columns)
            column.AppendFingerprint(hash);
        if (Labels is not null)
            hash.AppendData(MemoryMarshal.AsBytes(Labels.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Whether <paramref name="directory"/> holds the files of split <paramref name="split"/>.</summary>
    internal static bool HasSplit(string directory, string split) => Find(directory, split) is not null;

    /// <summary>The split's images and labels; .npy images may come without labels (an unlabelled split).</summary>
    private static (string Images, string? Labels)? Find(string directory, string split)
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
        string unlabelled = Path.Combine(directory, $"{split}-images.npy");
        return File.Exists(unlabelled) ? (unlabelled, null) : null;
    }

    private static NdArray ReadArray(string path) => path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? NpyReader.Read(path) : IdxReader.Read(path);
}
