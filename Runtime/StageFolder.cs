using QuiltNet.Graph;

namespace QuiltNet.Runtime;

/// <summary>
/// The stages of a <c>quiltnet split</c> folder, each file checked against the SHA-256 its manifest
/// recorded, so a run never measures a stage that was altered or swapped after the split. (A deployment
/// plan is the other source of stages; it yields the same <see cref="StageSpec"/> list.)
/// </summary>
public static class StageFolder
{
    /// <summary>The stages of the split (or plan) folder <paramref name="directory"/>, each file checked against the SHA-256 its manifest records.</summary>
    public static IReadOnlyList<StageSpec> Load(string directory)
    {
        var manifest = SplitManifest.Read(directory);
        return manifest.Stages
            .Select((stage, k) => new StageSpec($"stage {k} ({stage.File})", SplitManifest.VerifiedStageFile(directory, stage), stage.Inputs, stage.Outputs))
            .ToList();
    }
}
