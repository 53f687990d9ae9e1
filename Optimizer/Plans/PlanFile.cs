using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Json.Schema;
using QuiltNet.Graph;

namespace QuiltNet.Optimizer.Plans;

/// <summary>
/// Reads and writes <c>plan.json</c>: written atomically, read only after it passes the committed
/// schema (<c>plan.schema.json</c>) and its stage files still hash to what the plan records.
/// </summary>
public static class PlanFile
{
    /// <summary>The plan's file name in its folder.</summary>
    public const string Name = "plan.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    // A private registry: the global one refuses a second schema with the same $id.
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(PlanFile).Assembly.GetManifestResourceStream("QuiltNet.Optimizer.plan.schema.json")!;
        return JsonSchema.FromText(new StreamReader(stream).ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    /// <summary>Writes <paramref name="plan"/> to <paramref name="path"/> atomically.</summary>
    public static void Write(DeploymentPlan plan, string path) =>
        AtomicOutput.WriteFile(path, stream => JsonSerializer.Serialize(stream, plan, Json));

    /// <summary>The plan as <c>plan.json</c> holds it.</summary>
    public static string ToJson(DeploymentPlan plan) => JsonSerializer.Serialize(plan, Json);

    /// <summary>The folder of a plan, given the plan file or that folder.</summary>
    public static string FolderOf(string path) =>
        Directory.Exists(path) ? System.IO.Path.GetFullPath(path) : System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;

    /// <summary>The plan in <paramref name="path"/> (a plan file or its folder), after checking its schema and its stage files.</summary>
    public static DeploymentPlan Read(string path)
    {
        string file = Directory.Exists(path) ? System.IO.Path.Combine(path, Name) : path;
        if (!File.Exists(file)) throw new QuiltNetException(file, "plan file not found");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(file));
        }
        catch (JsonException e)
        {
            throw new QuiltNetException(file, $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
        using (document)
        {
            EvaluationResults result;
            try
            {
                result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, Culture = CultureInfo.InvariantCulture });
            }
            catch (FormatException)
            {
                // The schema library reads numbers as decimals: one past their range (1e308) cannot be checked at all.
                throw new QuiltNetException(file, "holds a number too large to check against the plan schema");
            }
            if (!result.IsValid)
            {
                var problem = (result.Details ?? []).FirstOrDefault(d => d.Errors is { Count: > 0 });
                string where = problem?.InstanceLocation.ToString() is { Length: > 0 } pointer ? pointer : "/";
                throw new QuiltNetException(file, $"not a QuiltNet plan (schema version {DeploymentPlan.CurrentSchemaVersion}) at {where}: {problem?.Errors?.First().Value ?? "invalid"}");
            }
            DeploymentPlan plan;
            try
            {
                plan = document.RootElement.Deserialize<DeploymentPlan>(Json)!;
            }
            catch (JsonException e)
            {
                // The schema allows any number where the plan keeps an integer; one past its range lands here.
                throw new QuiltNetException(file, $"holds a value out of range at {e.Path}");
            }
            Check(plan, file);
            foreach (var stage in plan.Stages) StageFile(FolderOf(file), stage);
            return plan;
        }
    }

    /// <summary>What the schema cannot say: stages numbered in order, one cut between each pair where one stage ends and the next starts, a chip each.</summary>
    private static void Check(DeploymentPlan plan, string file)
    {
        if (plan.Cuts.Count != plan.Stages.Count - 1)
            throw new QuiltNetException(file, $"lists {plan.Cuts.Count} cuts for {plan.Stages.Count} stages");
        for (int k = 0; k < plan.Stages.Count; k++)
        {
            var stage = plan.Stages[k];
            if (stage.Index != k)
                throw new QuiltNetException(file, $"stage {k} of the plan says it is stage {stage.Index}");
            if (stage.Start >= stage.End || (k > 0 && (plan.Stages[k - 1].End != stage.Start || plan.Cuts[k - 1].Position != stage.Start)))
                throw new QuiltNetException(file, $"stage {k} of the plan runs nodes {stage.Start}..{stage.End - 1}, which do not follow on from the stage and cut before it");
        }
        if (plan.Stages.Select(s => s.Chip).Distinct(StringComparer.Ordinal).Count() != plan.Stages.Count)
            throw new QuiltNetException(file, "puts two stages on one chip");
    }

    /// <summary>The full path of the model <paramref name="plan"/> (read from <paramref name="planFile"/>) was made for, after checking it is there and unchanged.</summary>
    public static string ModelFile(string planFile, DeploymentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // The model may lie anywhere (a plan is written beside the stages, not the model), but the errors name the plan that points at it.
        if (plan.Model.File.Contains('\0', StringComparison.Ordinal))
            throw new QuiltNetException(planFile, "its model file name holds a NUL character");
        string model = System.IO.Path.GetFullPath(System.IO.Path.Combine(FolderOf(planFile), plan.Model.File));
        if (!File.Exists(model)) throw new QuiltNetException(planFile, $"the plan's model file {model} is not there");
        string sha256;
        try
        {
            sha256 = Fingerprint.OfFile(model);
        }
        catch (QuiltNetException e)
        {
            throw new QuiltNetException(planFile, $"its model file {model} {e.Problem}", e);
        }
        if (sha256 != plan.Model.Sha256)
            throw new QuiltNetException(planFile, $"the SHA-256 of its model file {model} is not the one the plan was made for: the model changed after the plan was written");
        return model;
    }

    /// <summary>The stage's file in <paramref name="folder"/>, after checking it is there and unchanged.</summary>
    public static string StageFile(string folder, PlanStage stage)
    {
        string file = ConfinedPath.Resolve(folder, stage.File, System.IO.Path.Combine(folder, Name), "the plan's folder");
        if (!File.Exists(file)) throw new QuiltNetException(file, $"stage {stage.Index} of the plan is missing");
        if (Fingerprint.OfFile(file) != stage.Sha256)
            throw new QuiltNetException(file, $"stage {stage.Index} was changed after the plan was written (SHA-256 differs)");
        return file;
    }
}
