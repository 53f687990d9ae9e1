using Grpc.Core;
using Grpc.Net.Client;
using QuiltNet.Data;
using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph;
using QuiltNet.Runtime.Distributed;
using QuiltNet.Runtime.Distributed.Protocol;
using QuiltNet.Tests;

namespace QuiltNet.Runtime.Tests;

/// <summary>The example ResNet's stages over stage workers on loopback: same results as in process, and what a worker refuses.</summary>
public sealed class DistributedRunTests : IDisposable
{
    private static readonly SampleSet Evaluation = SampleSet.Load(Repository.Data, SampleSet.Evaluation, 300);
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Split(int[] cuts, IReadOnlyDictionary<int, IReadOnlyList<Graph.Bottlenecks.BottleneckWeights>>? bottlenecks = null, string name = "stages")
    {
        var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
        ModelSplitter.Split(graph, TensorShapeInference.Infer(graph), cuts, _temp.File(name), bottlenecks);
        return _temp.File(name);
    }

    [Fact]
    public async Task Three_workers_give_the_in_process_predictions_and_count_the_same_bytes()
    {
        // A 4-bit code on the first cut: it crosses the wire packed two codes a byte.
        var graph = OnnxGraph.Load(Repository.Model("fmnist_resnet"));
        var shapes = TensorShapeInference.Infer(graph);
        var calibration = SampleSet.Load(Repository.Data, SampleSet.Calibration, 200);
        var fitted = BottleneckFitting.Fit(graph, shapes, new Dictionary<int, (int, int, int)> { [15] = (4, 1, 4) }, calibration, new TrainingOptions { Method = TrainingMethod.Pca });
        var stages = StageFolder.Load(Split([15, 30], fitted));

        RuntimeReport local;
        using (var pipeline = StagePipeline.Open(stages))
            local = pipeline.Run(Evaluation, new RuntimeOptions { Batch = 3 });
        await using var workers = await LocalWorkers.StartAsync(3);
        var remote = await DistributedPipeline.RunAsync(stages, workers.Addresses, Evaluation, new RuntimeOptions { Batch = 3 });

        Assert.Equal(local.Inputs, remote.Inputs);
        Assert.Equal(local.Accuracy, remote.Accuracy);
        Assert.Equal(workers.Addresses, remote.Workers);
        Assert.Equal(8 * 14 * 14 / 2, remote.Links[0].BytesPerInput);
        Assert.Equal(local.Links.Select(l => l.BytesPerInput), remote.Links.Select(l => l.BytesPerInput));
        Assert.All(remote.Links, l => Assert.True(l.MeasuredBytesPerSecond > 0));
        Assert.All(remote.Stages, s => Assert.InRange(s.BusySeconds, 1e-6, double.MaxValue));
        Assert.InRange(remote.LatencyP50Seconds, 1e-6, remote.LatencyP99Seconds);
    }

    [Fact]
    public async Task Workers_feed_both_inputs_of_a_two_input_model_and_pass_the_live_one_across_a_cut()
    {
        // Cut 2 of the fixture carries its second input, 'features', beside the first stage's feature map.
        string model = Path.Combine(Repository.DataFixtures, "two_inputs.onnx");
        var data = DataSource.OpenOne(Path.Combine(Repository.DataFixtures, "two_inputs.npz"), Preprocessing.Default);
        var graph = OnnxGraph.Load(model);
        ModelSplitter.Split(graph, TensorShapeInference.Infer(graph), [2, 7], _temp.File("two_inputs"));
        var stages = StageFolder.Load(_temp.File("two_inputs"));

        RuntimeReport local;
        using (var pipeline = StagePipeline.Open(stages))
            local = pipeline.Run(data, new RuntimeOptions { Batch = 4 });
        await using var workers = await LocalWorkers.StartAsync(3);
        var remote = await DistributedPipeline.RunAsync(stages, workers.Addresses, data, new RuntimeOptions { Batch = 4 });

        Assert.Equal(data.Count, remote.Inputs);
        Assert.Equal(local.Accuracy, remote.Accuracy);
        Assert.Equal(local.Links.Select(l => l.BytesPerInput), remote.Links.Select(l => l.BytesPerInput));
    }

    [Fact]
    public async Task A_missing_or_wrong_token_is_refused_and_the_right_one_runs()
    {
        var stages = StageFolder.Load(Split([15]));
        await using var workers = await LocalWorkers.StartAsync(2, new WorkerOptions { Token = "s3cret" });
        var options = new RuntimeOptions { Count = 20 };
        foreach (string? token in new[] { null, "guess" })
        {
            var refused = await Assert.ThrowsAsync<PipelineStoppedException>(() =>
                DistributedPipeline.RunAsync(stages, workers.Addresses, Evaluation, options, new DistributedOptions { Token = token }));
            Assert.StartsWith($"{stages[0].Name} at worker {workers.Addresses[0]}: refused the token", refused.Message);
        }
        var report = await DistributedPipeline.RunAsync(stages, workers.Addresses, Evaluation, options, new DistributedOptions { Token = "s3cret" });
        Assert.Equal(20, report.Inputs);

        // Straight at the service: no header at all is Unauthenticated too.
        using var channel = GrpcChannel.ForAddress($"http://{workers.Addresses[1]}");
        var error = await Assert.ThrowsAsync<RpcException>(async () => await new StageWorker.StageWorkerClient(channel).StatsAsync(new RunRef()));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_stage_with_the_wrong_hash_or_outside_the_stage_folder_is_refused()
    {
        string folder = Split([15]);
        string stage0 = Path.Combine(folder, SplitManifest.Read(folder).Stages[0].File);
        byte[] bytes = File.ReadAllBytes(stage0);
        File.WriteAllText(_temp.File("secret.onnx"), "outside");
        await using var workers = await LocalWorkers.StartAsync(1, new WorkerOptions { StageFolder = folder });
        using var channel = GrpcChannel.ForAddress($"http://{workers.Addresses[0]}");
        var client = new StageWorker.StageWorkerClient(channel);
        async Task<RpcException> Refused(LoadRequest request) => await Assert.ThrowsAsync<RpcException>(async () => await client.LoadAsync(request));

        var wrongHash = await Refused(new LoadRequest { RunId = "r", StageName = "stage 0", Onnx = Google.Protobuf.ByteString.CopyFrom(bytes), Sha256 = new string('0', 64) });
        Assert.Equal(StatusCode.InvalidArgument, wrongHash.StatusCode);
        Assert.Contains("SHA-256", wrongHash.Status.Detail);
        Assert.Contains("carries no SHA-256", (await Refused(new LoadRequest { RunId = "r", Onnx = Google.Protobuf.ByteString.CopyFrom(bytes) })).Status.Detail);
        Assert.Contains("outside the worker's stage folder", (await Refused(new LoadRequest { RunId = "r", Path = "../secret.onnx" })).Status.Detail);
        Assert.Contains("outside the worker's stage folder", (await Refused(new LoadRequest { RunId = "r", Path = _temp.File("secret.onnx") })).Status.Detail);
        File.CreateSymbolicLink(Path.Combine(folder, "link.onnx"), _temp.File("secret.onnx"));
        Assert.Contains("links outside", (await Refused(new LoadRequest { RunId = "r", Path = "link.onnx" })).Status.Detail);
        Directory.CreateSymbolicLink(Path.Combine(folder, "up"), _temp.Path);
        Assert.Contains("links outside", (await Refused(new LoadRequest { RunId = "r", Path = "up/secret.onnx" })).Status.Detail);
        Assert.Contains("SHA-256", (await Refused(new LoadRequest { RunId = "r", Path = Path.GetFileName(stage0), Sha256 = new string('1', 64) })).Status.Detail);

        var loaded = await client.LoadAsync(new LoadRequest { RunId = "r", Path = Path.GetFileName(stage0), Sha256 = ManifestStage.Hash(bytes) });
        Assert.Equal(ManifestStage.Hash(bytes), loaded.Sha256);
    }

    [Fact]
    public async Task Workers_serve_and_call_each_other_over_tls_with_a_self_signed_certificate()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=quiltnet-test", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        var names = new System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        File.WriteAllText(_temp.File("cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(_temp.File("key.pem"), key.ExportPkcs8PrivateKeyPem());

        var stages = StageFolder.Load(Split([15]));
        await using var workers = await LocalWorkers.StartAsync(2, new WorkerOptions
        {
            Tls = (_temp.File("cert.pem"), _temp.File("key.pem")),
            TrustedCertificatePem = _temp.File("cert.pem"),
        });
        Assert.All(workers.Addresses, a => Assert.StartsWith("https://127.0.0.1:", a));
        var report = await DistributedPipeline.RunAsync(stages, workers.Addresses, Evaluation, new RuntimeOptions { Count = 30 },
            new DistributedOptions { TrustedCertificatePem = _temp.File("cert.pem") });
        Assert.Equal(30, report.Inputs);

        // Without trusting the certificate, the coordinator refuses the workers.
        var refused = await Assert.ThrowsAsync<PipelineStoppedException>(() =>
            DistributedPipeline.RunAsync(stages, workers.Addresses, Evaluation, new RuntimeOptions { Count = 30 }));
        Assert.Contains("cannot be reached", refused.Message);
    }

    [Fact]
    public async Task A_stage_too_large_for_the_worker_is_refused_naming_it()
    {
        var stages = StageFolder.Load(Split([15]));
        await using var workers = await LocalWorkers.StartAsync(2, new WorkerOptions { MaxMessageBytes = 1 << 20 });
        var refused = await Assert.ThrowsAsync<PipelineStoppedException>(() =>
            DistributedPipeline.RunAsync(stages, workers.Addresses, Evaluation, new RuntimeOptions { Count = 5 }));
        // Stage 1 holds most of the weights (2.6 MB); stage 0 (156 kB) fits.
        Assert.StartsWith($"{stages[1].Name} at worker {workers.Addresses[1]}", refused.Message);
        Assert.Contains("0 of 5 inputs completed", refused.Message);
    }
}
