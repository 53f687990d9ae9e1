using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>
/// Opens data of any supported kind through one entry: a folder of Fashion-MNIST-style IDX files or
/// <c>{split}-images.npy</c>/<c>{split}-labels.npy</c> (splits <c>train</c> and <c>t10k</c>); a folder of images,
/// with class subfolders as labels or flat and unlabelled, or with <c>train</c> and <c>val</c> (or <c>test</c>)
/// subfolders as its splits; or an <c>.npz</c> archive with one array per model input name and optional
/// <c>labels</c>. A source without separate splits is divided by a seeded draw into disjoint parts.
/// </summary>
public static class DataSource
{
    private static readonly string[] EvaluationFolders = ["val", "test"];

    /// <summary>Calibration and evaluation samples of <paramref name="path"/>.</summary>
    /// <exception cref="QuiltNetException">The path holds no data QuiltNet reads, or the data is malformed.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static DataSplits Open(string path, DataOptions options)
    {
        Validate(options);
        if (Directory.Exists(path) && SampleSet.HasSplit(path, SampleSet.Calibration) && SampleSet.HasSplit(path, SampleSet.Evaluation))
        {
            RefuseImageSettings(path, options.Preprocessing);
            var calibration = SampleSet.Load(path, SampleSet.Calibration, options.Calibration, options.Preprocessing);
            var evaluation = SampleSet.Load(path, SampleSet.Evaluation, options.Evaluation, options.Preprocessing);
            return new DataSplits(calibration, evaluation,
                $"{path}: splits {SampleSet.Calibration} ({calibration.Count} calibration samples) and {SampleSet.Evaluation} ({evaluation.Count} evaluation samples)");
        }
        if (Directory.Exists(path) && ImageSplits(path) is var (train, test))
        {
            var calibration = Draw(ImageFolder.Load(train, options.Preprocessing), options.Calibration, options.Seed);
            var evaluation = Draw(ImageFolder.Load(test, options.Preprocessing), options.Evaluation, options.Seed);
            if (calibration.Classes is { } a && evaluation.Classes is { } b && !a.SequenceEqual(b))
                throw new QuiltNetException(test, $"classes ({string.Join(", ", b)}) differ from {train}'s ({string.Join(", ", a)})");
            return new DataSplits(calibration, evaluation,
                $"{path}: splits {Path.GetFileName(train)} ({calibration.Count} calibration images) and {Path.GetFileName(test)} ({evaluation.Count} evaluation images){Labelling(calibration)}");
        }
        var all = Whole(path, options.Preprocessing);
        var (calibrationCount, evaluationCount) = SplitSizes(all, options);
        var order = Shuffled(all.Count, options.Seed);
        var drawnCalibration = all.Rows(order[..calibrationCount], all.Source);
        var drawnEvaluation = all.Rows(order[calibrationCount..(calibrationCount + evaluationCount)], all.Source);
        return new DataSplits(drawnCalibration, drawnEvaluation,
            $"{path}: {all.Count} samples{Labelling(all)}, no separate splits: seeded split (seed {options.Seed}) into {calibrationCount} calibration and {evaluationCount} evaluation samples, disjoint");
    }

    /// <summary>
    /// One set of samples of <paramref name="path"/> to run or compare on: its evaluation split where it has splits,
    /// else all of it; at most <paramref name="limit"/> (the first of a split in files, a seeded draw of images).
    /// </summary>
    /// <exception cref="QuiltNetException">The path holds no data QuiltNet reads, or the data is malformed.</exception>
    public static SampleSet OpenOne(string path, Preprocessing preprocessing, int? limit = null, int seed = 1)
    {
        preprocessing.Validate();
        if (limit is < 1)
            throw new ArgumentException($"must be at least 1, got {limit}", nameof(limit));
        if (Directory.Exists(path))
            foreach (string split in new[] { SampleSet.Evaluation, SampleSet.Calibration })
                if (SampleSet.HasSplit(path, split))
                {
                    RefuseImageSettings(path, preprocessing);
                    return SampleSet.Load(path, split, limit, preprocessing);
                }
        var set = Directory.Exists(path) && ImageSplits(path) is var (_, test) ? ImageFolder.Load(test, preprocessing) : Whole(path, preprocessing);
        return limit is { } most ? Draw(set, most, seed) : set;
    }

    private static void Validate(DataOptions options)
    {
        options.Preprocessing.Validate();
        if (options.Calibration < 1)
            throw new ArgumentException($"must be at least 1, got {options.Calibration}", nameof(DataOptions.Calibration));
        if (options.Evaluation < 1)
            throw new ArgumentException($"must be at least 1, got {options.Evaluation}", nameof(DataOptions.Evaluation));
    }

    /// <summary>The whole of a source without splits: an .npz archive or a folder of images.</summary>
    private static SampleSet Whole(string path, Preprocessing preprocessing)
    {
        if (File.Exists(path))
            return path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)
                ? NpzSamples.Load(path, RefuseImageSettings(path, preprocessing))
                : throw new QuiltNetException(path, "not a data source: give a folder (IDX or .npy splits, or images) or an .npz archive");
        if (!Directory.Exists(path))
            throw new QuiltNetException(path, "data folder not found");
        if (!ImageFolder.HasImages(path) && Directory.EnumerateFileSystemEntries(path).Any(e => !Path.GetFileName(e).StartsWith('.')))
            throw new QuiltNetException(path, $"no data: expected {SampleSet.Calibration} and {SampleSet.Evaluation} IDX or .npy splits, or images ({string.Join(", ", ImageFolder.Extensions)}), flat or in class subfolders");
        return ImageFolder.Load(path, preprocessing);
    }

    /// <summary>Arrays are fed as stored: resizing, layout and channel order apply to images only.</summary>
    private static Preprocessing RefuseImageSettings(string path, Preprocessing preprocessing)
    {
        if (preprocessing.Resize is not null)
            throw new ArgumentException($"applies to images; {path} holds arrays, fed in their own shape", nameof(Preprocessing.Resize));
        if (preprocessing.Layout != ImageLayout.Nchw)
            throw new ArgumentException($"applies to images; {path} holds arrays, fed in their own layout", "imageLayout");
        if (preprocessing.Bgr)
            throw new ArgumentException($"applies to images; {path} holds arrays, fed in their own channel order", nameof(Preprocessing.Bgr));
        return preprocessing;
    }

    /// <summary>The train and val (or test) subfolders of an image folder that has them, each holding images.</summary>
    private static (string Train, string Test)? ImageSplits(string path)
    {
        string train = Path.Combine(path, "train");
        var test = EvaluationFolders.Select(f => Path.Combine(path, f)).FirstOrDefault(Directory.Exists);
        return Directory.Exists(train) && test is not null && ImageFolder.HasImages(train) && ImageFolder.HasImages(test) ? (train, test) : null;
    }

    private static (int Calibration, int Evaluation) SplitSizes(SampleSet all, DataOptions options)
    {
        int n = all.Count;
        if (n >= options.Calibration + (long)options.Evaluation)
            return (options.Calibration, options.Evaluation);
        int evaluation = Math.Min(options.Evaluation, n / 2);
        int calibration = Math.Min(options.Calibration, n - evaluation);
        if (evaluation < 1 || calibration < 1)
            throw new QuiltNetException(all.Source, $"{n} sample{(n == 1 ? "" : "s")} cannot be split into calibration and evaluation samples; give at least 2");
        return (calibration, evaluation);
    }

    /// <summary>At most <paramref name="count"/> samples drawn by <paramref name="seed"/>: all of them, in order, when there are no more.</summary>
    private static SampleSet Draw(SampleSet set, int count, int seed) =>
        count >= set.Count ? set : set.Rows(Shuffled(set.Count, seed)[..count], set.Source);

    private static int[] Shuffled(int count, int seed)
    {
        var order = Enumerable.Range(0, count).ToArray();
        new Random(seed).Shuffle(order);
        return order;
    }

    private static string Labelling(SampleSet set) =>
        set.Classes is { } classes ? $" in {classes.Count} classes" : set.HasLabels ? ", labelled" : ", unlabelled";
}
