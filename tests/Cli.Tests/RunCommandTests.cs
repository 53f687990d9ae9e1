using System.Buffers.Binary;
using System.Text.Json;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>The ResNet-style model split after its second block (32×14×14 crosses the cut).</summary>
    private string Stages()
    {
        string output = _folder.File("stages");
        Assert.Equal(0, CliRun.Of("split", Repository.Model("fmnist_resnet"), "--cuts", "15", "--out", output).ExitCode);
        return output;
    }

    /// <summary>A test split of <paramref name="count"/> images of side × side pixels in IDX files.</summary>
    private string Images(int count, int side)
    {
        string folder = _folder.File($"data{count}x{side}");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "t10k-images-idx3-ubyte"), Idx(0x03, [count, side, side], new byte[count * side * side]));
        File.WriteAllBytes(Path.Combine(folder, "t10k-labels-idx1-ubyte"), Idx(0x01, [count], new byte[count]));
        return folder;
    }

    private static byte[] Idx(byte rank, int[] shape, byte[] values)
    {
        var bytes = new byte[4 + 4 * shape.Length + values.Length];
        bytes[2] = 0x08;
        bytes[3] = rank;
        for (int i = 0; i < shape.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), shape[i]);
        values.CopyTo(bytes, 4 + 4 * shape.Length);
        return bytes;
    }

    [Fact]
    public void Run_reports_accuracy_throughput_latency_busy_time_and_link_bytes()
    {
        string stages = Stages();
        var run = CliRun.Of("run", "--stages", stages, "--data", Repository.Data, "--count", "200", "--link-gbps", "10", "--link-latency-us", "5", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(200, root.GetProperty("inputs").GetInt32());
        Assert.InRange(root.GetProperty("accuracy").GetDouble(), 0.8, 1);
        Assert.True(root.GetProperty("throughputPerSecond").GetDouble() > 0);
        Assert.InRange(root.GetProperty("latencyP50Seconds").GetDouble(), 1e-6, root.GetProperty("latencyP99Seconds").GetDouble());
        Assert.All(root.GetProperty("stages").EnumerateArray(), s => Assert.True(s.GetProperty("busySeconds").GetDouble() > 0));
        var link = Assert.Single(root.GetProperty("links").EnumerateArray());
        Assert.Equal(200L * 32 * 14 * 14 * 4, link.GetProperty("bytes").GetInt64());
        Assert.True(link.GetProperty("busySeconds").GetDouble() > 0);

        var table = CliRun.Of("run", "--stages", stages, "--count", "50", "--batch", "10");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Throughput:", table.Output);
        Assert.Contains("fmnist_resnet.stage1.onnx", table.Output);
    }

    [Fact]
    public void A_latency_only_link_has_unlimited_bandwidth()
    {
        var run = CliRun.Of("run", "--stages", Stages(), "--count", "20", "--link-latency-us", "200", "--json");
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var link = json.RootElement.GetProperty("link");
        Assert.Equal(JsonValueKind.Null, link.GetProperty("bandwidthBytesPerSecond").ValueKind);
        var traffic = Assert.Single(json.RootElement.GetProperty("links").EnumerateArray());
        // A stream: the latency delays each transfer but never holds the link.
        Assert.Equal(0, traffic.GetProperty("busySeconds").GetDouble(), 9);
        Assert.True(json.RootElement.GetProperty("latencyP50Seconds").GetDouble() >= 200e-6);
    }

    [Fact]
    public void Data_whose_shape_does_not_match_the_model_is_named()
    {
        CliRun.Of("run", "--stages", Stages(), "--data", Images(5, 14)).AssertInputError("--data");
    }

    [Fact]
    public void An_empty_data_set_is_named()
    {
        string data = Images(0, 28);
        CliRun.Of("run", "--stages", Stages(), "--data", data).AssertInputError("no samples");
    }

    [Fact]
    public void Missing_or_altered_stage_files_are_named()
    {
        string stages = Stages();
        string stage1 = Path.Combine(stages, "fmnist_resnet.stage1.onnx");
        File.AppendAllText(stage1, " ");
        CliRun.Of("run", "--stages", stages).AssertInputError("SHA-256");
        File.Delete(stage1);
        CliRun.Of("run", "--stages", stages).AssertInputError("fmnist_resnet.stage1.onnx");
        CliRun.Of("run", "--stages", _folder.File("nowhere")).AssertInputError("manifest.json");
    }

    [Fact]
    public void Bad_options_are_named()
    {
        string stages = Stages();
        CliRun.Of("run", "--stages", stages, "--link-gbps", "0").AssertInputError("--link-gbps");
        CliRun.Of("run", "--stages", stages, "--link-latency-us", "-3").AssertInputError("--link-latency-us");
        CliRun.Of("run", "--stages", stages, "--threads", "0").AssertInputError("--threads");
        CliRun.Of("run", "--stages", stages, "--count", "0").AssertInputError("--count");
        CliRun.Of("run", "--stages", stages, "--batch", "0").AssertInputError("--batch");
    }

    [Fact]
    public void Bad_worker_options_are_named()
    {
        string stages = Stages();
        CliRun.Of("run", "--stages", stages, "--workers", "127.0.0.1:5001").AssertInputError("--workers");
        CliRun.Of("run", "--stages", stages, "--workers", "127.0.0.1:5001,nohost").AssertInputError("--workers");
        CliRun.Of("run", "--stages", stages, "--workers", "127.0.0.1:5001,127.0.0.1:5002", "--hosts", "h.txt").AssertInputError("--hosts");
        CliRun.Of("run", "--stages", stages, "--hosts", _folder.File("none.txt")).AssertInputError("hosts file not found");
        CliRun.Of("run", "--stages", stages, "--workers", "127.0.0.1:5001,127.0.0.1:5002", "--timeout", "0").AssertInputError("--timeout");
        CliRun.Of("run", "--stages", stages, "--workers", "127.0.0.1:5001,127.0.0.1:5002", "--link-gbps", "1").AssertInputError("--link-gbps");
        CliRun.Of("run", "--stages", stages, "--workers", "127.0.0.1:5001,127.0.0.1:5002", "--token", "a", "--token-file", "b").AssertInputError("--token-file");
        CliRun.Of("serve", "--listen", "not-an-address").AssertInputError("--listen");
        CliRun.Of("serve", "--port", "70000").AssertInputError("--port");
        CliRun.Of("serve", "--tls-cert", _folder.File("none.pem")).AssertInputError("--tls-key");
    }

    [Fact]
    public void A_hosts_file_maps_stages_to_workers_and_an_unreachable_worker_is_named()
    {
        string stages = Stages();
        File.WriteAllText(_folder.File("hosts.txt"), "# stage index, address\n0 127.0.0.1:1\n1 127.0.0.1:2 # second\n");
        var run = CliRun.Of("run", "--stages", stages, "--hosts", _folder.File("hosts.txt"), "--count", "5");
        run.AssertInputError("at worker 127.0.0.1:1: cannot be reached");
        File.WriteAllText(_folder.File("short.txt"), "0 127.0.0.1:1\n");
        CliRun.Of("run", "--stages", stages, "--hosts", _folder.File("short.txt")).AssertInputError("maps no worker to stage 1");
    }
}
