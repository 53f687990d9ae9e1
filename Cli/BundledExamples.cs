namespace QuiltNet.Cli;

/// <summary>The example model and data shipped beside the tool (copied from <c>examples/</c> at build time).</summary>
public static class BundledExamples
{
    public const string DefaultModelFile = "fmnist_resnet.onnx";

    public static string ModelsFolder => Path.Combine(AppContext.BaseDirectory, "examples", "models");

    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "examples", "data");

    public static string DefaultModel => Path.Combine(ModelsFolder, DefaultModelFile);
}
