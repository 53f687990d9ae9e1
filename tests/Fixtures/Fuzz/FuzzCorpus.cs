using System.Buffers.Binary;
using System.IO.Compression;
using QuiltNet.Graph;
using QuiltNet.Tests;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace QuiltNet.Testing.Fuzz;

/// <summary>
/// The real inputs the campaign mutates, made once: the bundled MobileNet-style model and two of its candidate cuts,
/// its split into three stages, a plan written by <c>partition</c>, the example hardware catalogs, and the first 64
/// images of each bundled split as IDX, as .npy, and as an image folder (small, so a mutated copy per input costs little).
/// </summary>
public sealed class FuzzCorpus
{
    public const int Samples = 64;

    private FuzzCorpus(string folder, string model, IReadOnlyList<int> cuts)
    {
        Folder = folder;
        Model = model;
        Cuts = cuts;
    }

    public string Folder { get; }

    public string Model { get; }

    public IReadOnlyList<int> Cuts { get; }

    public string CutList => string.Join(',', Cuts);

    public string Stages => Path.Combine(Folder, "stages");

    public string Plan => Path.Combine(Folder, "plan");

    public string IdxData => Path.Combine(Folder, "data-idx");

    public string NpyData => Path.Combine(Folder, "data-npy");

    /// <summary>The same samples as grey images in train/ and val/ splits with class subfolders 0 to 9, in every format the data layer reads.</summary>
    public string ImageData => Path.Combine(Folder, "data-images");

    /// <summary>The image encoders the corpus cycles through, by file extension.</summary>
    public static readonly (string Extension, IImageEncoder Encoder)[] ImageFormats =
        [(".png", new PngEncoder()), (".jpg", new JpegEncoder()), (".bmp", new BmpEncoder()), (".webp", new WebpEncoder())];

    public IReadOnlyList<string> Catalogs { get; } = [Path.Combine(Repository.Root, "examples", "hw", "edge-cluster.json"), Path.Combine(Repository.Root, "examples", "hw", "dpu-pair-10gbe.json")];

    /// <summary>Settings that keep a fitting command to seconds: few samples, nothing cached, a short solver limit (last).</summary>
    public static readonly string[] Small = ["--calibration", "32", "--evaluation", "32", "--no-cache", "--time-limit", "2"];

    public static FuzzCorpus Create(string folder)
    {
        Directory.CreateDirectory(folder);
        // The stages and the plan name the model relative to themselves: a copy of the folders needs a copy of the model beside them.
        string model = Path.Combine(folder, "model.onnx");
        File.Copy(Repository.Model("fmnist_mobilenet"), model, overwrite: true);
        var graph = OnnxGraph.Load(model);
        var shapes = TensorShapeInference.Infer(graph);
        var cuts = ModelProfiler.Profile(graph, shapes).Cuts;
        var corpus = new FuzzCorpus(folder, model, [cuts[cuts.Count / 3].Position, cuts[2 * cuts.Count / 3].Position]);
        ModelSplitter.Split(graph, shapes, corpus.Cuts.ToList(), corpus.Stages);
        corpus.WriteData();
        // The solver's own time limit: a short one may find no plan at all on a busy machine.
        var made = CommandRunner.Run(["partition", "--model", model, "--out", corpus.Plan, "--data", corpus.IdxData, "--epochs", "1", "--ratios", "4", "--bits", "32", .. Small[..^2]],
            TimeSpan.FromMinutes(5));
        if (made.ExitCode != 0) throw new InvalidOperationException($"the corpus plan could not be made: {made.Error}");
        return corpus;
    }

    private void WriteData()
    {
        Directory.CreateDirectory(IdxData);
        Directory.CreateDirectory(NpyData);
        foreach (string split in new[] { "train", "t10k" })
        {
            byte[] images = Gunzip(Path.Combine(Repository.Data, $"{split}-images-idx3-ubyte.gz"));
            byte[] labels = Gunzip(Path.Combine(Repository.Data, $"{split}-labels-idx1-ubyte.gz"));
            var pixels = images.AsSpan(16, Samples * 28 * 28);
            var classes = labels.AsSpan(8, Samples);
            byte[] idxImages = [.. images.AsSpan(0, 16), .. pixels];
            BinaryPrimitives.WriteUInt32BigEndian(idxImages.AsSpan(4), Samples);
            byte[] idxLabels = [.. labels.AsSpan(0, 8), .. classes];
            BinaryPrimitives.WriteUInt32BigEndian(idxLabels.AsSpan(4), Samples);
            File.WriteAllBytes(Path.Combine(IdxData, $"{split}-images-idx3-ubyte"), idxImages);
            File.WriteAllBytes(Path.Combine(IdxData, $"{split}-labels-idx1-ubyte"), idxLabels);
            File.WriteAllBytes(Path.Combine(NpyData, $"{split}-images.npy"), Npy.Bytes(Npy.Header("|u1", [Samples, 28, 28]), pixels));
            File.WriteAllBytes(Path.Combine(NpyData, $"{split}-labels.npy"), Npy.Bytes(Npy.Header("<i8", [Samples]),
                classes.ToArray().SelectMany(c => BitConverter.GetBytes((long)c)).ToArray()));
            WriteImages(Path.Combine(ImageData, split == "train" ? "train" : "val"), pixels, classes);
        }
    }

    private static void WriteImages(string folder, ReadOnlySpan<byte> pixels, ReadOnlySpan<byte> classes)
    {
        // Every class gets a folder, so a class missing from the first samples is an empty class folder only where a mutation makes one.
        for (int c = 0; c < 10; c++) Directory.CreateDirectory(Path.Combine(folder, c.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        for (int i = 0; i < classes.Length; i++)
        {
            using var image = Image.LoadPixelData<L8>(pixels.Slice(i * 28 * 28, 28 * 28), 28, 28);
            var (extension, encoder) = ImageFormats[i % ImageFormats.Length];
            image.Save(Path.Combine(folder, classes[i].ToString(System.Globalization.CultureInfo.InvariantCulture), $"{i:D2}{extension}"), encoder);
        }
    }

    private static byte[] Gunzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }

    /// <summary>A copy of the split in <paramref name="folder"/>, with the model it names beside it.</summary>
    public string CopyStages(string folder)
    {
        string stages = Path.Combine(folder, "stages");
        CopyFolder(Stages, stages);
        File.Copy(Model, Path.Combine(folder, "model.onnx"));
        return stages;
    }

    public static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (string folder in Directory.GetDirectories(from)) CopyFolder(folder, Path.Combine(to, Path.GetFileName(folder)));
    }
}
