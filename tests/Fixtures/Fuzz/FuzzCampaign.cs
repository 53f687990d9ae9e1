using Google.Protobuf;
using Onnx;
using QuiltNet.Graph;

namespace QuiltNet.Testing.Fuzz;

/// <summary>
/// A seeded campaign: input <c>i</c> of seed <c>s</c> is always the same mutation of the same corpus file through the
/// same command line, so any input can be rerun alone (<see cref="Run(int)"/>). Each input gets a folder of its own,
/// deleted after it ran unless it failed.
/// </summary>
public sealed class FuzzCampaign(FuzzCorpus corpus, int seed, TimeSpan limit)
{
    public static readonly string[] Kinds = ["onnx", "catalog", "plan", "manifest", "data", "image"];

    private string Cases => Path.Combine(corpus.Folder, "cases");

    public FuzzResult Run(int index)
    {
        var input = Build(index);
        string folder = FolderOf(index);
        long bytes = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint })
            .Sum(f => new FileInfo(f).Length);
        // Commands that fit autoencoders and measure them run for their time; the rest get the plain limit.
        var result = CommandRunner.Run(input.Args, input.Command is "partition" or "optimize" or "compress" ? 3 * limit : limit);
        var outcome = OutcomeClassifier.Classify(input, result, bytes);
        if (outcome is Outcome.Ok or Outcome.CleanError && result.ExitCode is not null)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file a command still holds open is left for the next campaign's start to clear.
            }
        }
        return new FuzzResult(input, outcome, result);
    }

    public string FolderOf(int index) => Path.Combine(Cases, $"c{index:D5}");

    /// <summary>Makes input <paramref name="index"/>'s files in its folder and returns its command line.</summary>
    public FuzzCase Build(int index)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index));
        string folder = FolderOf(index);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        // Data and image inputs cost the most (each runs the model on real samples), so they are a smaller share.
        string kind = Pick(random, ("onnx", 28), ("catalog", 18), ("plan", 18), ("manifest", 18), ("data", 9), ("image", 9));
        return kind switch
        {
            "onnx" => Onnx(index, random, folder),
            "catalog" => Catalog(index, random, folder),
            "plan" => Plan(index, random, folder),
            "manifest" => Manifest(index, random, folder),
            "data" => Data(index, random, folder),
            _ => Images(index, random, folder),
        };
    }

    private static string Pick(Random random, params (string Command, int Weight)[] commands)
    {
        int at = random.Next(commands.Sum(c => c.Weight));
        foreach (var (command, weight) in commands)
            if ((at -= weight) < 0) return command;
        throw new InvalidOperationException();
    }

    private byte[] Donor => _donor ??= File.ReadAllBytes(Path.Combine(corpus.Stages, "model.stage1.onnx"));
    private byte[]? _donor;

    private static string MutateModel(string path, Random random, string folder, byte[] donor)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (random.Next(5) < 2)
        {
            var (mutated, how) = ByteMutations.Mutate(bytes, random, donor);
            File.WriteAllBytes(path, mutated);
            return how;
        }
        var model = ModelProto.Parser.ParseFrom(bytes);
        var edits = new List<string>();
        int count = 1 + (random.Next(4) == 0 ? 1 : 0);
        for (int i = 0; i < count; i++) edits.Add(OnnxMutations.Mutate(model, random, folder));
        File.WriteAllBytes(path, model.ToByteArray());
        return string.Join("; ", edits);
    }

    private FuzzCase Onnx(int index, Random random, string folder)
    {
        string command = Pick(random, ("profile", 6), ("split", 4), ("simulate", 4), ("verify", 4), ("run", 4), ("hw", 2), ("compress", 2), ("partition", 1), ("optimize", 1));
        if (command is "verify" or "run")
        {
            string stages = corpus.CopyStages(folder);
            var manifest = SplitManifest.Read(stages);
            int k = random.Next(manifest.Stages.Count);
            string file = Path.Combine(stages, manifest.Stages[k].File);
            string how = MutateModel(file, random, stages, Donor);
            bool rehash = random.Next(10) < 7;
            if (rehash) RewriteHash(stages, manifest, k, file);
            string[] args = command == "verify"
                ? ["verify", stages, "--count", "50", "--data", corpus.IdxData]
                : ["run", "--stages", stages, "--count", "16", "--data", corpus.IdxData];
            return new FuzzCase(index, "onnx", command, $"{manifest.Stages[k].File}: {how}{(rehash ? " (manifest hash updated)" : "")}", args, [Path.GetFileName(folder), manifest.Stages[k].File]);
        }
        string model = Path.Combine(folder, "model.onnx");
        File.Copy(corpus.Model, model);
        string mutation = MutateModel(model, random, folder, Donor);
        string output = Path.Combine(folder, "out");
        string[] line = command switch
        {
            "profile" => ["profile", model, .. random.Next(2) == 0 ? ["--json"] : Array.Empty<string>()],
            "split" => ["split", model, "--cuts", corpus.CutList, "--out", output],
            "simulate" => ["simulate", "--model", model, "--cuts", corpus.CutList, "--inputs", "50", "--json"],
            "hw" => ["hw", "validate", "--model", model, "--cuts", corpus.CutList, "--hw", "fpga4-pcie3", "--seconds", "0.02", "--json"],
            "compress" => ["compress", model, "--cuts", corpus.Cuts[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--method", "pca", "--ratios", "4", "--bits", "32",
                "--data", corpus.IdxData, "--calibration", "32", "--evaluation", "32", "--no-cache", "--json"],
            "partition" => ["partition", "--model", model, "--out", output, "--data", corpus.IdxData, "--epochs", "1", "--ratios", "4", "--bits", "32", "--json", .. FuzzCorpus.Small],
            _ => ["optimize", "--model", model, "--out", output, "--trials", "1", "--data", corpus.IdxData, "--epochs", "1", .. FuzzCorpus.Small],
        };
        return new FuzzCase(index, "onnx", command, mutation, line, [Path.GetFileName(folder), "model.onnx"]);
    }

    private static void RewriteHash(string stages, SplitManifest manifest, int k, string file)
    {
        var stagesList = manifest.Stages.ToList();
        stagesList[k] = stagesList[k] with { Sha256 = ManifestStage.Hash(File.ReadAllBytes(file)) };
        var rewritten = manifest with { Stages = stagesList };
        AtomicOutput.WriteFile(Path.Combine(stages, SplitManifest.FileName), rewritten.Write);
    }

    private FuzzCase Catalog(int index, Random random, string folder)
    {
        string source = corpus.Catalogs[random.Next(corpus.Catalogs.Count)];
        string text = File.ReadAllText(source);
        string system = System.Text.Json.Nodes.JsonNode.Parse(text)!["systems"]![0]!["name"]!.GetValue<string>();
        var (mutated, mutation) = JsonMutations.Mutate(text, random);
        string file = Path.Combine(folder, "catalog.json");
        File.WriteAllText(file, mutated);
        string command = Pick(random, ("hw list", 3), ("hw show", 3), ("simulate", 5), ("partition", 1));
        string[] args = command switch
        {
            "hw list" => ["hw", "list", "--hw", file, "--json"],
            "hw show" => ["hw", "show", system, "--hw", file],
            "simulate" => ["simulate", "--model", corpus.Model, "--hw", file, "--cuts", corpus.Cuts[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--inputs", "50", "--json"],
            _ => ["partition", "--model", corpus.Model, "--hw", file, "--out", Path.Combine(folder, "out"), "--data", corpus.IdxData, "--epochs", "1", "--ratios", "4", "--bits", "32", "--json", .. FuzzCorpus.Small],
        };
        return new FuzzCase(index, "catalog", command, $"{Path.GetFileName(source)}: {mutation}", args, [Path.GetFileName(folder), "catalog.json", $"error: {system}: "]);
    }

    private FuzzCase Plan(int index, Random random, string folder)
    {
        string plan = Path.Combine(folder, "plan");
        FuzzCorpus.CopyFolder(corpus.Plan, plan);
        File.Copy(corpus.Model, Path.Combine(folder, "model.onnx"));
        string file = Path.Combine(plan, "plan.json");
        var (mutated, mutation) = JsonMutations.Mutate(File.ReadAllText(file), random);
        File.WriteAllText(file, mutated);
        string command = Pick(random, ("simulate", 3), ("run", 2));
        string[] args = command == "simulate"
            ? ["simulate", "--plan", file, "--inputs", "50", "--json"]
            : ["run", "--plan", file, "--count", "16", "--data", corpus.IdxData];
        return new FuzzCase(index, "plan", command, mutation, args, [Path.GetFileName(folder), "plan.json"]);
    }

    private FuzzCase Manifest(int index, Random random, string folder)
    {
        string stages = corpus.CopyStages(folder);
        string file = Path.Combine(stages, SplitManifest.FileName);
        var (mutated, mutation) = JsonMutations.Mutate(File.ReadAllText(file), random);
        File.WriteAllText(file, mutated);
        string command = Pick(random, ("verify", 1), ("run", 1));
        string[] args = command == "verify"
            ? ["verify", stages, "--count", "50", "--data", corpus.IdxData]
            : ["run", "--stages", stages, "--count", "16", "--data", corpus.IdxData];
        return new FuzzCase(index, "manifest", command, mutation, args, [Path.GetFileName(folder), SplitManifest.FileName, "its manifest"]);
    }

    private FuzzCase Data(int index, Random random, string folder)
    {
        string data = Path.Combine(folder, "data");
        FuzzCorpus.CopyFolder(random.Next(2) == 0 ? corpus.IdxData : corpus.NpyData, data);
        string mutation = DataMutations.Mutate(data, random, Donor);
        string command = PickDataCommand(random);
        return new FuzzCase(index, "data", command, mutation, DataCommand(command, data, folder, []), [Path.GetFileName(folder)]);
    }

    private FuzzCase Images(int index, Random random, string folder)
    {
        string data = Path.Combine(folder, "images");
        FuzzCorpus.CopyFolder(corpus.ImageData, data);
        string mutation = ImageMutations.Mutate(data, random, Donor);
        string[] flags = ImageMutations.Flags(random);
        string command = PickDataCommand(random);
        if (flags.Length > 0) mutation += $"; {string.Join(' ', flags)}";
        return new FuzzCase(index, "image", command, mutation, DataCommand(command, data, folder, flags), [Path.GetFileName(folder)]);
    }

    private static string PickDataCommand(Random random) => Pick(random, ("verify", 5), ("run", 10), ("compress", 10), ("partition", 1));

    /// <summary>The command line that reads <paramref name="data"/> through <paramref name="command"/>, with <paramref name="flags"/> after it.</summary>
    private string[] DataCommand(string command, string data, string folder, string[] flags)
    {
        string cut = corpus.Cuts[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        return command switch
        {
            "verify" => ["verify", corpus.Stages, "--count", "50", "--data", data, .. flags],
            "run" => ["run", "--stages", corpus.Stages, "--count", "16", "--data", data, .. flags],
            "compress" => ["compress", corpus.Model, "--cuts", cut, "--method", "pca", "--ratios", "4", "--bits", "32", "--data", data, "--calibration", "32", "--evaluation", "32", "--no-cache", "--json", .. flags],
            _ => ["partition", "--model", corpus.Model, "--out", Path.Combine(folder, "out"), "--data", data, "--epochs", "1", "--ratios", "4", "--bits", "32", "--json", .. FuzzCorpus.Small, .. flags],
        };
    }
}
