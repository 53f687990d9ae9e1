using System.Text.Json.Nodes;
using QuiltNet.Graph;
using QuiltNet.Optimizer.Plans;
using QuiltNet.Tests;

namespace QuiltNet.Optimizer.Tests.Plans;

public sealed class PlanFileTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private DeploymentPlan Plan()
    {
        File.WriteAllText(_temp.File("stage0.onnx"), "first");
        File.WriteAllText(_temp.File("stage1.onnx"), "second");
        var stages = new[]
        {
            new PlanStage(0, "chip0", "fpga", 0, 15, "stage0.onnx", Fingerprint.OfFile(_temp.File("stage0.onnx")), 1000, 2000, 1e-3),
            new PlanStage(1, "chip1", "fpga", 15, 40, "stage1.onnx", Fingerprint.OfFile(_temp.File("stage1.onnx")), 3000, 4000, 2e-3),
        };
        var baseline = new PlanBaseline(stages, [new PlanCut(15, ["t"], null, 25088, 25088)], 100, 0.02, 0.5, 0.9158, "link chip0 → chip1");
        return new DeploymentPlan(DeploymentPlan.CurrentSchemaVersion, new PlanModel("m.onnx", new string('a', 64)), "fpga4-pcie3", "throughput", 1, true,
            stages, [new PlanCut(15, ["t"], new PlanOption(4, 1, 8, "distill", 0.08), 25088, 1568)], 150, 0.015, 0.4, 0.915, "stage 1 on chip1",
            baseline, PlanImprovement.Of(150, 0.4, 0.915, baseline));
    }

    [Fact]
    public void A_written_plan_reads_back_equal_with_ratios_better_than_one_when_better()
    {
        var plan = Plan();
        PlanFile.Write(plan, _temp.File(PlanFile.Name));
        var read = PlanFile.Read(_temp.Path);
        Assert.Equal(PlanFile.ToJson(plan), PlanFile.ToJson(read));
        Assert.Equal(1.5, read.Improvement.Throughput, 9);
        Assert.Equal(1.25, read.Improvement.Energy, 9);
        Assert.Equal(-0.08, read.Improvement.AccuracyDeltaPp!.Value, 9);
    }

    [Fact]
    public void A_plan_that_breaks_the_schema_is_refused_naming_where()
    {
        PlanFile.Write(Plan(), _temp.File(PlanFile.Name));
        var json = JsonNode.Parse(File.ReadAllText(_temp.File(PlanFile.Name)))!;
        json["cuts"]![0]!["option"]!["bits"] = 7;
        File.WriteAllText(_temp.File(PlanFile.Name), json.ToJsonString());
        var e = Assert.Throws<QuiltNetException>(() => PlanFile.Read(_temp.File(PlanFile.Name)));
        Assert.Contains("/cuts/0/option", e.Message);
    }

    [Fact]
    public void Altered_or_missing_stage_files_are_refused()
    {
        PlanFile.Write(Plan(), _temp.File(PlanFile.Name));
        File.WriteAllText(_temp.File("stage1.onnx"), "tampered");
        Assert.Contains("changed", Assert.Throws<QuiltNetException>(() => PlanFile.Read(_temp.Path)).Message);
        File.Delete(_temp.File("stage1.onnx"));
        Assert.Contains("missing", Assert.Throws<QuiltNetException>(() => PlanFile.Read(_temp.Path)).Message);
        Assert.Contains("not found", Assert.Throws<QuiltNetException>(() => PlanFile.Read(_temp.File("none.json"))).Message);
    }
}
