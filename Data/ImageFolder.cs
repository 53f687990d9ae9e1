using QuiltNet.Graph;

namespace QuiltNet.Data;

/// <summary>
/// A folder of images in torchvision's ImageFolder layout: one subfolder per class (sorted by name, class i is the
/// i-th; images anywhere below it), or images directly in the folder, unlabelled.
/// </summary>
internal static class ImageFolder
{
    /// <summary>The file extensions read as images.</summary>
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".webp"];

    public static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>Whether <paramref name="folder"/> holds images, directly or in subfolders.</summary>
    public static bool HasImages(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any(IsImage);

    /// <summary>The images of <paramref name="folder"/> as one sample set, decoded as they are read.</summary>
    /// <exception cref="QuiltNetException">The folder has no images, a class folder has none, or images sit beside class folders.</exception>
    public static SampleSet Load(string folder, Preprocessing preprocessing)
    {
        var direct = Images(folder, SearchOption.TopDirectoryOnly);
        var classes = Directory.GetDirectories(folder).Select(d => Path.GetFileName(d)!).Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        var withImages = classes.Where(c => HasImages(Path.Combine(folder, c))).ToList();
        if (direct.Count == 0 && withImages.Count == 0)
            throw new QuiltNetException(folder, $"no images ({string.Join(", ", Extensions)}) in the folder or its class subfolders");
        if (direct.Count > 0 && withImages.Count > 0)
            throw new QuiltNetException(folder, $"holds both images ({Path.GetFileName(direct[0])}) and class subfolders ({withImages[0]}); put every image in its class's folder, or none");
        if (direct.Count > 0)
            return new SampleSet([ImageColumn.Over(direct, preprocessing)], null, folder, direct.Count);
        var empty = classes.Except(withImages).FirstOrDefault();
        if (empty is not null)
            throw new QuiltNetException(Path.Combine(folder, empty), "class folder has no images");
        var files = new List<string>();
        var labels = new List<int>();
        for (int c = 0; c < classes.Count; c++)
        {
            var inClass = Images(Path.Combine(folder, classes[c]), SearchOption.AllDirectories);
            files.AddRange(inClass);
            labels.AddRange(Enumerable.Repeat(c, inClass.Count));
        }
        return new SampleSet([ImageColumn.Over(files, preprocessing)], [.. labels], folder, files.Count) { Classes = classes };
    }

    private static List<string> Images(string folder, SearchOption search) =>
        Directory.EnumerateFiles(folder, "*", search).Where(IsImage).Order(StringComparer.Ordinal).ToList();
}
