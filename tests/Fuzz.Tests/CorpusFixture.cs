using QuiltNet.Testing.Fuzz;
using QuiltNet.Tests;

namespace QuiltNet.Fuzz.Tests;

/// <summary>The fuzz corpus (model, split, plan, catalogs, data), made once for the regression tests.</summary>
public sealed class CorpusFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public CorpusFixture() => Corpus = FuzzCorpus.Create(_temp.File("corpus"));

    public FuzzCorpus Corpus { get; }

    /// <summary>A fresh folder for one test's inputs.</summary>
    public string Folder(string name)
    {
        string folder = _temp.File(name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose() => _temp.Dispose();
}
