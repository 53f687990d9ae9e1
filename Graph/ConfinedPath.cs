namespace QuiltNet.Graph;

/// <summary>
/// A file that an input names relative to its own folder (a stage of a split or plan, a model's external weights): it
/// must stay inside that folder, through any link on the way, so a crafted file cannot make the tool read elsewhere.
/// </summary>
public static class ConfinedPath
{
    /// <summary>The full path of <paramref name="relative"/> inside <paramref name="folder"/>, after checking it does not lead out of it.</summary>
    /// <param name="folder">The folder the name is relative to.</param>
    /// <param name="relative">The name as the input gives it.</param>
    /// <param name="input">The input that gives the name, for the error.</param>
    /// <param name="folderName">The folder as the error names it ("the model's folder").</param>
    /// <exception cref="QuiltNetException">The name is empty or absolute, climbs out of the folder, or goes through a link that leads out of it.</exception>
    public static string Resolve(string folder, string relative, string input, string folderName)
    {
        if (string.IsNullOrEmpty(relative) || relative.Contains('\0', StringComparison.Ordinal))
            throw new QuiltNetException(input, $"'{relative}' is not a file name");
        string root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
        string full = Path.GetFullPath(Path.Combine(root, relative));
        if (Path.IsPathRooted(relative) || !Inside(root, full))
            throw new QuiltNetException(input, $"'{relative}' is outside {folderName}");
        // A link inside the folder (the file, or a folder on the way to it) could still lead out of it.
        for (string step = full; step.Length > root.Length; step = Path.GetDirectoryName(step)!)
        {
            FileSystemInfo entry = Directory.Exists(step) ? new DirectoryInfo(step) : new FileInfo(step);
            if (entry.LinkTarget is not null && (entry.ResolveLinkTarget(returnFinalTarget: true) is not { } target || !Inside(root, Path.GetFullPath(target.FullName))))
                throw new QuiltNetException(input, $"'{relative}' links outside {folderName}");
        }
        return full;
    }

    private static bool Inside(string root, string full) => full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
