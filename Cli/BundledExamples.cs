namespace QuiltNet.Cli;

/// <summary>The example model, data and systems shipped beside the tool (copied from <c>examples/</c> at build time).</summary>
public static class BundledExamples
{
    public const string DefaultModelFile = "fmnist_resnet.onnx";

    public static string ModelsFolder => Path.Combine(AppContext.BaseDirectory, "examples", "models");

    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "examples", "data");

    public static string DefaultModel => Path.Combine(ModelsFolder, DefaultModelFile);

    /// <summary>Two ZCU102 DPU boards joined by 10 GbE (catalog parts): the link limits the default model's best uncompressed split.</summary>
    public static string DefaultSearchSystem => Path.Combine(AppContext.BaseDirectory, "examples", "hw", "dpu-pair-10gbe.json");
}
