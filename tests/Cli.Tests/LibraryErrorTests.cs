using System.Text.RegularExpressions;
using QuiltNet.Tests;

namespace QuiltNet.Cli.Tests;

/// <summary>Only the command line knows its flags: the libraries name parameters and inputs, and the CLI maps them.</summary>
public sealed partial class LibraryErrorTests
{
    private static readonly string[] Libraries = ["Graph", "Data", "HwCatalog", "Estimators", "Runtime", "Optimizer"];

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]+")]
    private static partial Regex Flag();

    [Fact]
    public void No_library_source_names_a_command_line_flag()
    {
        var found = (from library in Libraries
                     let folder = Path.Combine(Repository.Root, library)
                     where Directory.Exists(folder)
                     from file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
                     where !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                     from line in File.ReadLines(file).Select((text, i) => (Text: text, Number: i + 1))
                     let match = Flag().Match(line.Text)
                     where match.Success
                     select $"{Path.GetRelativePath(Repository.Root, file)}:{line.Number}: {match.Value}").ToList();
        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Theory]
    [InlineData("--cuts", "99", "--cuts")]
    [InlineData("--compression", "12=0.5x", "--compression")]
    [InlineData("--input-shape", "x=0x4", "--input-shape")]
    public void A_library_error_about_an_argument_still_names_its_flag(string option, string value, string named)
    {
        string[] args = ["simulate", "--model", Repository.Model("fmnist_vgg"), "--cuts", "12", option, value];
        if (option == "--cuts") args = ["simulate", "--model", Repository.Model("fmnist_vgg"), "--cuts", value];
        CliRun.Of(args).AssertInputError(named);
    }
}
