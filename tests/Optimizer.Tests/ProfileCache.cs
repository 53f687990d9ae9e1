using System.Collections.Concurrent;
using QuiltNet.Graph;
using QuiltNet.Tests;

namespace QuiltNet.Optimizer.Tests;

/// <summary>Profiles each example model once per test run.</summary>
internal static class ProfileCache
{
    private static readonly ConcurrentDictionary<string, ModelProfile> Profiles = new();

    public static ModelProfile Get(string model) => Profiles.GetOrAdd(model, m => ModelProfiler.Profile(OnnxGraph.Load(Repository.Model(m))));

    /// <summary><paramref name="count"/> candidate cuts spread evenly over the model.</summary>
    public static IReadOnlyList<int> EvenCuts(ModelProfile profile, int count) =>
        Enumerable.Range(1, count).Select(i => profile.Cuts[i * profile.Cuts.Count / (count + 1)].Position).Distinct().ToList();
}
