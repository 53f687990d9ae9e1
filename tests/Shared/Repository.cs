namespace QuiltNet.Tests;

/// <summary>Paths into the repository checkout the tests run from (compiled into every test project).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Models => Path.Combine(Root, "examples", "models");

    public static string Data => Path.Combine(Root, "examples", "data");

    /// <summary>The small committed data fixtures: image folders, an .npz archive and a model with dynamic height and width.</summary>
    public static string DataFixtures => Path.Combine(Root, "tests", "Fixtures", "Data");

    public static readonly string[] ExampleModels = ["fmnist_vgg", "fmnist_resnet", "fmnist_mobilenet", "fmnist_vit"];

    public static string Model(string name) => Path.Combine(Models, name + ".onnx");

    public static IEnumerable<object[]> ExampleModelData => ExampleModels.Select(m => new object[] { m });

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "QuiltNet.sln")))
                return dir.FullName;
        throw new InvalidOperationException("QuiltNet.sln not found above the test binaries");
    }
}
