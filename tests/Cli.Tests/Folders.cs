namespace QuiltNet.Cli.Tests;

internal static class Folders
{
    public static string Repository { get; } = FindRoot();

    public static string Model(string name) => Path.Combine(Repository, "examples", "models", name + ".onnx");

    public static string Data => Path.Combine(Repository, "examples", "data");

    public static string Temp() => Directory.CreateTempSubdirectory("quiltnet-cli-").FullName;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "QuiltNet.sln")))
                return dir.FullName;
        throw new InvalidOperationException("QuiltNet.sln not found above the test binaries");
    }
}
