using QuiltNet.Tests;

namespace QuiltNet.Graph.Tests;

public sealed class AtomicOutputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Writing_into_an_existing_folder_keeps_its_other_files_and_replaces_subfolders_whole()
    {
        string target = _temp.File("out");
        Directory.CreateDirectory(Path.Combine(target, "baseline"));
        File.WriteAllText(Path.Combine(target, "trials.jsonl"), "journal");
        File.WriteAllText(Path.Combine(target, "plan.json"), "old plan");
        File.WriteAllText(Path.Combine(target, "baseline", "stale.onnx"), "old");

        AtomicOutput.WriteDirectory(target, folder =>
        {
            File.WriteAllText(Path.Combine(folder, "plan.json"), "new plan");
            File.WriteAllText(Path.Combine(folder, "stage0.onnx"), "stage");
            Directory.CreateDirectory(Path.Combine(folder, "baseline"));
            File.WriteAllText(Path.Combine(folder, "baseline", "stage0.onnx"), "baseline stage");
        }, "plan.json");

        Assert.Equal("journal", File.ReadAllText(Path.Combine(target, "trials.jsonl")));
        Assert.Equal("new plan", File.ReadAllText(Path.Combine(target, "plan.json")));
        Assert.Equal("stage", File.ReadAllText(Path.Combine(target, "stage0.onnx")));
        Assert.Equal("baseline stage", File.ReadAllText(Path.Combine(target, "baseline", "stage0.onnx")));
        Assert.False(File.Exists(Path.Combine(target, "baseline", "stale.onnx")));
        Assert.Empty(Directory.GetDirectories(_temp.Path, ".out.*"));
    }

    [Fact]
    public void A_fill_that_fails_leaves_the_existing_folder_as_it_was()
    {
        string target = _temp.File("out");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "plan.json"), "old plan");

        Assert.Throws<InvalidOperationException>(() => AtomicOutput.WriteDirectory(target, folder =>
        {
            File.WriteAllText(Path.Combine(folder, "stage0.onnx"), "half");
            throw new InvalidOperationException("fitting failed");
        }, "plan.json"));

        Assert.Equal(["plan.json"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal("old plan", File.ReadAllText(Path.Combine(target, "plan.json")));
        Assert.Empty(Directory.GetDirectories(_temp.Path, ".out.*"));
    }
}
