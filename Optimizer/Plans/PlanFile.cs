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
            throw new QuiltNetException(file, $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, Culture = CultureInfo.InvariantCulture });
            if (!result.IsValid)
            {
                var problem = (result.Details ?? []).FirstOrDefault(d => d.Errors is { Count: > 0 });
                string where = problem?.InstanceLocation.ToString() is { Length: > 0 } pointer ? pointer : "/";
                throw new QuiltNetException(file, $"not a QuiltNet plan (schema version {DeploymentPlan.CurrentSchemaVersion}) at {where}: {problem?.Errors?.First().Value ?? "invalid"}");
            }
            var plan = document.RootElement.Deserialize<DeploymentPlan>(Json)!;
            foreach (var stage in plan.Stages) StageFile(FolderOf(file), stage);
            return plan;
        }
    }

    /// <summary>The full path of the model <paramref name="plan"/> (read from <paramref name="planFile"/>) was made for, after checking it is there and unchanged.</summary>
    public static string ModelFile(string planFile, DeploymentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        string model = System.IO.Path.GetFullPath(System.IO.Path.Combine(FolderOf(planFile), plan.Model.File));
        if (!File.Exists(model)) throw new QuiltNetException(model, "the plan's model file is not there");
        if (Fingerprint.OfFile(model) != plan.Model.Sha256)
            throw new QuiltNetException(model, "its SHA-256 is not the one the plan was made for: the model changed after the plan was written");
        return model;
    }

    /// <summary>The stage's file in <paramref name="folder"/>, after checking it is there and unchanged.</summary>
    public static string StageFile(string folder, PlanStage stage)
    {
        string file = System.IO.Path.Combine(folder, stage.File);
        if (!File.Exists(file)) throw new QuiltNetException(file, $"stage {stage.Index} of the plan is missing");
        if (Fingerprint.OfFile(file) != stage.Sha256)
            throw new QuiltNetException(file, $"stage {stage.Index} was changed after the plan was written (SHA-256 differs)");
        return file;
    }
}
