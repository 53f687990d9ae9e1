using System.Text.Json.Nodes;
using Google.Protobuf;
using Onnx;
using QuiltNet.Graph;
using QuiltNet.Testing.Fuzz;

namespace QuiltNet.Fuzz.Tests;

/// <summary>
/// One test per bug the fuzz campaign found (bench/results/robustness.md): each input, cut down to the mutation that
/// broke a command, now ends in one error line that names the input, with exit code 1.
/// </summary>
[Trait("Category", "Slow")]
public sealed class FoundBugTests(CorpusFixture fixture) : IClassFixture<CorpusFixture>
{
    private FuzzCorpus Corpus => fixture.Corpus;

    private static string AssertCleanError(string[] args, string names, string says)
    {
        var result = CommandRunner.Run(args, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode is not null, $"still running after a minute: {string.Join(' ', args)}");
        var input = new FuzzCase(0, "regression", args[0], "", args, [names]);
        Assert.True(OutcomeClassifier.Classify(input, result, 0) == Outcome.CleanError, $"exit {result.ExitCode}: {result.Error}");
        Assert.Contains(says, result.Error);
        return result.Error;
    }

    /// <summary>A copy of the corpus model with <paramref name="edit"/> applied to its graph.</summary>
    private string Model(string test, Action<ModelProto, string> edit)
    {
        string folder = fixture.Folder(test);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(Corpus.Model));
        edit(model, folder);
        string path = Path.Combine(folder, "model.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }

    private static void External(ModelProto model, string location, string offset = "0", string? length = null)
    {
        var tensor = model.Graph.Initializer.First(t => t.RawData.Length > 0);
        length ??= tensor.RawData.Length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        tensor.RawData = ByteString.Empty;
        tensor.DataLocation = TensorProto.Types.DataLocation.External;
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = location });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset });
        tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = length });
    }

    [Theory]
    [InlineData("../../etc/passwd", "is outside the model's folder")]
    [InlineData("/etc/passwd", "is outside the model's folder")]
    [InlineData("link.bin", "links outside the model's folder")]
    public void External_data_outside_the_models_folder_is_refused(string location, string says)
    {
        string model = Model($"external-{says.Length}-{location.Length}", (m, folder) =>
        {
            if (location == "link.bin") File.CreateSymbolicLink(Path.Combine(folder, location), "/etc/hostname");
            External(m, location);
        });
        AssertCleanError(["profile", model], "model.onnx", says);
    }

    [Theory]
    [InlineData("x", "8", "not a whole number of bytes")]
    [InlineData("-8", "8", "not a whole number of bytes")]
    [InlineData("9223372036854775807", "8", "runs past the end of weights.bin")]
    [InlineData("8", "9223372036854775807", "runs past the end of weights.bin")]
    public void External_data_offsets_and_lengths_are_checked_before_anything_is_read(string offset, string length, string says)
    {
        string model = Model($"offset-{offset}-{length}", (m, folder) =>
        {
            File.WriteAllBytes(Path.Combine(folder, "weights.bin"), new byte[64]);
            External(m, "weights.bin", offset, length);
        });
        AssertCleanError(["profile", model], "model.onnx", says);
    }

    [Fact]
    public void A_model_whose_nodes_are_all_gone_is_refused_before_a_stage_is_extracted()
    {
        string model = Model("no-nodes", (m, _) => m.Graph.Node.Clear());
        AssertCleanError(["compress", model, "--cuts", Corpus.Cuts[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--method", "pca", "--ratios", "4", "--bits", "32",
            "--data", Corpus.IdxData, "--calibration", "32", "--evaluation", "32", "--no-cache"], "model.onnx", "no node of the graph computes on its inputs");
    }

    /// <summary>A copy of the corpus plan with <paramref name="edit"/> applied to plan.json.</summary>
    private string Plan(string test, Action<JsonNode> edit)
    {
        string folder = fixture.Folder(test);
        FuzzCorpus.CopyFolder(Corpus.Plan, Path.Combine(folder, "plan"));
        File.Copy(Corpus.Model, Path.Combine(folder, "model.onnx"));
        string file = Path.Combine(folder, "plan", "plan.json");
        var plan = JsonNode.Parse(File.ReadAllText(file))!;
        edit(plan);
        File.WriteAllText(file, plan.ToJsonString());
        return file;
    }

    [Fact]
    public void A_plan_with_a_cut_listed_twice_is_refused()
    {
        string plan = Plan("plan-cuts", p => p["cuts"]!.AsArray().Add(p["cuts"]![0]!.DeepClone()));
        AssertCleanError(["simulate", "--plan", plan], "plan.json", "cuts for");
    }

    [Fact]
    public void A_plan_number_past_the_schema_checkers_range_is_refused()
    {
        string plan = Plan("plan-schema-range", p => p["schemaVersion"] = JsonValue.Create(1e308));
        AssertCleanError(["run", "--plan", plan, "--data", Corpus.IdxData], "plan.json", "too large to check");
    }

    [Fact]
    public void A_plan_figure_past_the_range_of_its_integer_is_refused()
    {
        string plan = Plan("plan-range", p => p["baseline"]!["stages"]![0]!["end"] = JsonValue.Create(1e308));
        AssertCleanError(["run", "--plan", plan, "--data", Corpus.IdxData], "plan.json", "holds a value out of range");
    }

    [Theory]
    [InlineData("/etc/passwd", "the model changed after the plan was written")]
    [InlineData("/dev/zero", "the model changed after the plan was written")]
    public void A_plan_whose_model_is_another_file_is_named_and_a_device_is_never_read(string model, string says)
    {
        string plan = Plan($"plan-model-{model.Length}", p => p["model"]!["file"] = model);
        AssertCleanError(["simulate", "--plan", plan], "plan.json", says);
    }

    [Fact]
    public void A_plan_stage_file_outside_the_plans_folder_is_refused()
    {
        string plan = Plan("plan-stage-path", p => p["stages"]![1]!["file"] = "../../etc/passwd");
        AssertCleanError(["run", "--plan", plan, "--data", Corpus.IdxData], "plan.json", "is outside the plan's folder");
    }

    /// <summary>A copy of the corpus split with <paramref name="edit"/> applied to manifest.json.</summary>
    private string Stages(string test, Action<JsonNode> edit)
    {
        string stages = Corpus.CopyStages(fixture.Folder(test));
        string file = Path.Combine(stages, SplitManifest.FileName);
        var manifest = JsonNode.Parse(File.ReadAllText(file))!;
        edit(manifest);
        File.WriteAllText(file, manifest.ToJsonString());
        return stages;
    }

    [Fact]
    public void A_manifest_listing_a_tensor_twice_is_refused()
    {
        string stages = Stages("manifest-twice", m => m["stages"]![0]!["outputs"]!.AsArray().Add(m["stages"]![0]!["outputs"]![0]!.DeepClone()));
        AssertCleanError(["run", "--stages", stages, "--data", Corpus.IdxData], "manifest.json", "twice among its outputs");
    }

    [Theory]
    [InlineData("run")]
    [InlineData("verify")]
    public void A_manifest_stage_file_outside_the_split_is_refused(string command)
    {
        string stages = Stages($"manifest-stage-{command}", m => m["stages"]![1]!["file"] = "/proc/self/environ");
        AssertCleanError(command == "run" ? ["run", "--stages", stages, "--data", Corpus.IdxData] : ["verify", stages], "manifest.json", "is outside the split's folder");
    }

    [Fact]
    public void A_manifest_source_model_that_is_not_a_model_names_the_manifest()
    {
        string stages = Stages("manifest-source", m => m["sourceModel"] = "/proc/self/environ");
        AssertCleanError(["verify", stages], "manifest.json", "its source model");
    }

    [Fact]
    public void A_stage_file_that_returns_other_tensors_than_its_manifest_says_is_named_at_open()
    {
        string stages = Stages("stage-outputs", _ => { });
        var manifest = SplitManifest.Read(stages);
        string file = Path.Combine(stages, manifest.Stages[1].File);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(file));
        model.Graph.Output[0].Name = model.Graph.Input[0].Name;
        File.WriteAllBytes(file, model.ToByteArray());
        var stagesList = manifest.Stages.ToList();
        stagesList[1] = stagesList[1] with { Sha256 = ManifestStage.Hash(File.ReadAllBytes(file)) };
        AtomicOutput.WriteFile(Path.Combine(stages, SplitManifest.FileName), (manifest with { Stages = stagesList }).Write);
        AssertCleanError(["run", "--stages", stages, "--data", Corpus.IdxData], manifest.Stages[1].File, "but its manifest says");
    }

    [Fact]
    public void A_manifest_binding_an_input_to_a_shape_the_model_does_not_take_is_refused_by_verify()
    {
        string stages = Stages("manifest-input-shape", m => m["inputShapes"]!["input"]!.AsArray().Add(1));
        AssertCleanError(["verify", stages], "manifest.json", "but its manifest says");
    }

    [Fact]
    public void A_stage_onnx_runtime_refuses_is_one_plain_line_without_its_exception_names()
    {
        string stages = Stages("stage-overflow", _ => { });
        var manifest = SplitManifest.Read(stages);
        string file = Path.Combine(stages, manifest.Stages[0].File);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(file));
        model.Graph.Initializer.First(t => t.Dims.Count > 0).Dims[0] = long.MaxValue;
        File.WriteAllBytes(file, model.ToByteArray());
        var stagesList = manifest.Stages.ToList();
        stagesList[0] = stagesList[0] with { Sha256 = ManifestStage.Hash(File.ReadAllBytes(file)) };
        AtomicOutput.WriteFile(Path.Combine(stages, SplitManifest.FileName), (manifest with { Stages = stagesList }).Write);
        string error = AssertCleanError(["run", "--stages", stages, "--data", Corpus.IdxData], manifest.Stages[0].File, "ONNX Runtime cannot load it");
        Assert.DoesNotContain("onnxruntime_src", error);
    }

    [Fact]
    public async Task A_stage_whose_weights_claim_an_impossible_size_leaves_nothing_but_the_error_line_on_the_processs_stderr()
    {
        // ONNX Runtime's environment logged the refused allocation straight to the process's stderr (in colour, two lines),
        // which the in-process runner cannot see: the command runs as a process of its own here.
        string stages = Stages("stage-huge-weights", _ => { });
        var manifest = SplitManifest.Read(stages);
        string file = Path.Combine(stages, manifest.Stages[0].File);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(file));
        model.Graph.Initializer.Where(t => t.Dims.Count > 0).ElementAt(1).Dims[0] = long.MaxValue;
        File.WriteAllBytes(file, model.ToByteArray());
        var stagesList = manifest.Stages.ToList();
        stagesList[0] = stagesList[0] with { Sha256 = ManifestStage.Hash(File.ReadAllBytes(file)) };
        AtomicOutput.WriteFile(Path.Combine(stages, SplitManifest.FileName), (manifest with { Stages = stagesList }).Write);

        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "quiltnet.dll"), "verify", stages, "--count", "20", "--data", Corpus.IdxData])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(limit.Token);
        await output;
        var lines = (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(1, process.ExitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith($"error: {file}: ONNX Runtime cannot load it", line);
    }

    [Fact]
    public void A_model_whose_shapes_onnx_runtime_cannot_find_is_one_plain_line()
    {
        string model = Model("shapes-overflow", (m, _) => m.Graph.Initializer.First(t => t.Dims.Count > 0).Dims[0] = long.MaxValue);
        string error = AssertCleanError(["split", model, "--cuts", Corpus.CutList, "--out", Path.Combine(Path.GetDirectoryName(model)!, "out")], "model.onnx", "shapes cannot be found");
        Assert.DoesNotContain("onnxruntime_src", error);
    }

    [Fact]
    public void An_input_dimension_too_large_to_run_is_refused_before_a_tensor_is_allocated()
    {
        string model = Model("input-huge", (m, _) => m.Graph.Input[0].Type.TensorType.Shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimValue = 1_000_000_000_000 });
        AssertCleanError(["profile", model], "model.onnx", "elements to run the model on");
    }

    [Fact]
    public void A_stage_onnx_runtime_cannot_run_on_the_manifests_shapes_is_refused_by_verify()
    {
        string stages = Stages("verify-run", _ => { });
        var manifest = SplitManifest.Read(stages);
        string file = Path.Combine(stages, manifest.Stages[0].File);
        var model = ModelProto.Parser.ParseFrom(File.ReadAllBytes(file));
        model.Graph.Input[0].Type.TensorType.Shape.Dim[0] = new TensorShapeProto.Types.Dimension { DimValue = long.MaxValue };
        File.WriteAllBytes(file, model.ToByteArray());
        var stagesList = manifest.Stages.ToList();
        stagesList[0] = stagesList[0] with { Sha256 = ManifestStage.Hash(File.ReadAllBytes(file)) };
        AtomicOutput.WriteFile(Path.Combine(stages, SplitManifest.FileName), (manifest with { Stages = stagesList }).Write);
        AssertCleanError(["verify", stages, "--count", "50", "--data", Corpus.IdxData], "manifest.json", "ONNX Runtime cannot run");
    }

    [Fact]
    public void A_catalog_figure_that_makes_energy_infinite_is_written_as_json()
    {
        string catalog = Path.Combine(fixture.Folder("catalog-huge"), "catalog.json");
        var json = JsonNode.Parse(File.ReadAllText(Corpus.Catalogs[0]))!;
        json["chips"]![0]!["macEnergyPicojoules"]!["value"] = 1e308;
        File.WriteAllText(catalog, json.ToJsonString());
        var result = CommandRunner.Run(["simulate", "--model", Corpus.Model, "--hw", catalog, "--cuts", Corpus.Cuts[0].ToString(System.Globalization.CultureInfo.InvariantCulture), "--json"], TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode is 0 or 1, result.Error);
        Assert.DoesNotContain("internal error", result.Error);
    }

    /// <summary>A copy of the corpus .npy data with <paramref name="file"/> replaced by <paramref name="bytes"/>.</summary>
    private string Data(string test, string file, byte[] bytes)
    {
        string data = Path.Combine(fixture.Folder(test), "data");
        FuzzCorpus.CopyFolder(Corpus.NpyData, data);
        File.WriteAllBytes(Path.Combine(data, file), bytes);
        return data;
    }

    private string[] Verify(string data) => ["verify", Corpus.Stages, "--count", "50", "--data", data];

    [Theory]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (a, 28, 28), }", "is not a tuple of whole numbers")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999999999999999, 28), }", "is not a tuple of whole numbers")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (-1, 28, 28), }", "has a negative dimension")]
    [InlineData("{'descr': '|u1', 'fortran_order': False, 'shape': (4294967295, 4294967295, 4294967295), }", "data is truncated")]
    public void Npy_shapes_that_are_not_numbers_negative_or_past_the_file_are_refused_before_allocating(string header, string says)
    {
        // Both splits are broken; verify reads the test split first and names it.
        string data = Data($"npy-{says.Length}-{header.Length}", "t10k-images.npy", Npy.Bytes(header, new byte[64 * 28 * 28]));
        File.Copy(Path.Combine(data, "t10k-images.npy"), Path.Combine(data, "train-images.npy"), overwrite: true);
        AssertCleanError(Verify(data), "t10k-images.npy", says);
    }

    [Fact]
    public void Idx_dimensions_whose_product_overflows_are_refused_before_allocating()
    {
        string data = Path.Combine(fixture.Folder("idx-overflow"), "data");
        FuzzCorpus.CopyFolder(Corpus.IdxData, data);
        foreach (string split in new[] { "train", "t10k" })
        {
            string file = Path.Combine(data, $"{split}-images-idx3-ubyte");
            byte[] bytes = File.ReadAllBytes(file);
            for (int i = 0; i < 3; i++) System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * i), uint.MaxValue);
            File.WriteAllBytes(file, bytes);
        }
        AssertCleanError(Verify(data), "t10k-images-idx3-ubyte", "data is truncated");
    }

    [Theory]
    [InlineData(-3.0)]
    [InlineData(0.5)]
    [InlineData(double.NaN)]
    [InlineData(1e12)]
    public void Labels_that_are_not_class_indices_are_refused(double label)
    {
        var labels = Enumerable.Repeat(1.0, FuzzCorpus.Samples).Select((l, i) => i == 7 ? label : l).SelectMany(BitConverter.GetBytes).ToArray();
        string data = Data($"labels-{label}", "t10k-labels.npy", Npy.Bytes(Npy.Header("<f8", [FuzzCorpus.Samples]), labels));
        AssertCleanError(["run", "--stages", Corpus.Stages, "--data", data, "--count", "16"], "t10k-labels.npy", "label 7 is");
    }

    [Fact]
    public void Images_holding_nan_are_refused_naming_the_file_not_the_model()
    {
        var pixels = Enumerable.Repeat(0.5f, FuzzCorpus.Samples * 28 * 28).Select((p, i) => i == 1000 ? float.NaN : p).SelectMany(BitConverter.GetBytes).ToArray();
        string data = Data("images-nan", "t10k-images.npy", Npy.Bytes(Npy.Header("<f4", [FuzzCorpus.Samples, 28, 28]), pixels));
        AssertCleanError(["run", "--stages", Corpus.Stages, "--data", data, "--count", "16"], "t10k-images.npy", "values must be finite numbers");
    }

    /// <summary>A copy of the corpus image folder (train/ and val/, classes 0 to 9) with <paramref name="edit"/> applied to it.</summary>
    private string Images(string test, Action<string> edit)
    {
        string data = Path.Combine(fixture.Folder(test), "images");
        FuzzCorpus.CopyFolder(Corpus.ImageData, data);
        edit(data);
        return data;
    }

    [Theory]
    [InlineData("0/00.png")]
    [InlineData("9/zz.png")]
    public void A_png_whose_header_claims_a_size_past_int_is_refused_naming_it(string file)
    {
        // The first image is identified for the size of all; a later one is decoded when read.
        string data = Images($"png-huge-{file[0]}", d => File.WriteAllBytes(Path.Combine(d, "val", file), ImageMutations.PngClaiming(uint.MaxValue, uint.MaxValue)));
        AssertCleanError(["run", "--stages", Corpus.Stages, "--data", data], Path.GetFileName(file), $"{Path.GetFileName(file)}: not a readable image (malformed: ");
    }

    [Fact]
    public void A_png_cut_off_inside_its_first_chunk_is_refused_naming_it()
    {
        string data = Images("png-cut", d =>
        {
            string file = Path.Combine(d, "val", "2", "20.png");
            File.WriteAllBytes(file, File.ReadAllBytes(file)[..49]);
        });
        AssertCleanError(["run", "--stages", Corpus.Stages, "--data", data], "20.png", "20.png: not a readable image (malformed: the decoder failed on its bytes)");
    }

    [Fact]
    public void A_webp_whose_frame_is_invisible_is_refused_naming_it()
    {
        string data = Images("webp-invisible", d =>
        {
            // The VP8 frame tag follows the RIFF and chunk headers; bit 4 is show_frame.
            string file = Path.Combine(d, "val", "0", "19.webp");
            byte[] bytes = File.ReadAllBytes(file);
            bytes[20] &= 0xEF;
            File.WriteAllBytes(file, bytes);
        });
        AssertCleanError(["run", "--stages", Corpus.Stages, "--data", data], "19.webp", "19.webp: not a readable image (VP8 header indicates that the first frame is invisible)");
    }

    [Fact]
    public void An_image_that_cannot_be_read_during_a_run_is_named_without_blaming_the_first_stage()
    {
        // The last image is read by the first stage's thread, after the warm-up batch.
        string data = Images("unreadable-run", d => File.WriteAllText(Path.Combine(d, "val", "9", "zz.png"), "not an image\n"));
        string error = AssertCleanError(["run", "--stages", Corpus.Stages, "--data", data], "zz.png", "zz.png: not a readable image (its bytes are in no image format the decoder knows)");
        Assert.DoesNotContain("stage 0", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("verify")]
    public void Class_folders_past_the_models_outputs_are_refused_before_accuracy_is_measured(string command)
    {
        string data = Images($"classes-{command}", d =>
        {
            foreach (string split in new[] { "train", "val" })
            {
                Directory.CreateDirectory(Path.Combine(d, split, "10"));
                File.Copy(Directory.GetFiles(Path.Combine(d, split, "0"))[0], Path.Combine(d, split, "10", "extra.png"));
            }
        });
        string[] args = command == "run" ? ["run", "--stages", Corpus.Stages, "--data", data] : Verify(data);
        AssertCleanError(args, "images", "11 classes, but the model's output 'logits' has 10 scores per sample");
    }

    [Theory]
    [InlineData("--layout", "bad", "error: --layout: 'bad' is not nchw or nhwc")]
    [InlineData("--count", "abc", "error: --count: 'abc' is not a whole number (at most 2147483647)")]
    [InlineData("--link-gbps", "fast", "error: --link-gbps: 'fast' is not a number")]
    [InlineData("--bogus", "1", "error: Unrecognized command or argument '--bogus'")]
    public void A_malformed_command_line_is_one_error_line_without_the_help(string flag, string value, string says)
    {
        var result = CommandRunner.Run(["run", "--stages", Corpus.Stages, "--data", Corpus.ImageData, flag, value], TimeSpan.FromSeconds(60));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(says, result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(result.Output);
    }
}
