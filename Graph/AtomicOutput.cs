namespace QuiltNet.Graph;

/// <summary>
/// Writes outputs under a temporary name and renames them into place only once complete, so a failed
/// run leaves nothing half-written behind.
/// </summary>
public static class AtomicOutput
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/> into a temporary file beside it, then renames it into place; on failure the temporary file is deleted and any earlier file at <paramref name="path"/> is left as it was.</summary>
    /// <param name="path">The file to write; its folder is created if missing.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    public static void WriteFile(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temporary = $"{full}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = File.Create(temporary)) write(stream);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    /// <summary>
    /// Fills a fresh temporary folder beside <paramref name="directory"/>, then moves it into place. An
    /// existing folder keeps its other files and gets the new files and subfolders moved in (a subfolder
    /// replaces its namesake whole), <paramref name="lastFile"/> last; its old <paramref name="lastFile"/> is
    /// removed first, so at no moment does a <paramref name="lastFile"/> sit beside files it does not describe.
    /// </summary>
    public static void WriteDirectory(string directory, Action<string> fill, string lastFile)
    {
        string full = Path.GetFullPath(directory);
        if (File.Exists(full))
            throw new QuiltNetException(directory, "exists and is a file, not a folder");
        string parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar))!;
        Directory.CreateDirectory(parent);
        string temporary = Path.Combine(parent, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temporary);
        try
        {
            fill(temporary);
            if (!Directory.Exists(full))
            {
                Directory.Move(temporary, full);
                return;
            }
            File.Delete(Path.Combine(full, lastFile));
            foreach (string folder in Directory.GetDirectories(temporary))
            {
                string target = Path.Combine(full, Path.GetFileName(folder));
                if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
                Directory.Move(folder, target);
            }
            foreach (string file in Directory.GetFiles(temporary).OrderBy(f => Path.GetFileName(f) == lastFile))
                File.Move(file, Path.Combine(full, Path.GetFileName(file)), overwrite: true);
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
    }
}
