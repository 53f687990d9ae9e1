using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Calibration;

namespace QuiltNet.Optimizer.Hardware;

/// <summary>
/// Resolves a hardware name: a system of the default catalog (built-in, with this machine's own
/// calibration layered on when 'quiltnet hw calibrate' has stored one), or a user catalog file
/// (<c>my.json</c>, or <c>my.json#system</c> when it defines several systems).
/// </summary>
public static class HardwareSelection
{
    /// <summary>Where calibration is stored: $QUILTNET_CONFIG, else the user's config folder.</summary>
    public static string CalibrationFile => Path.Combine(
        Environment.GetEnvironmentVariable("QUILTNET_CONFIG") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify), "quiltnet"),
        "cpu-local.json");

    /// <summary>The catalog commands use: a user file when given, else built-in plus stored calibration.</summary>
    public static HardwareCatalog Catalog(string? userFile = null) =>
        userFile is not null ? HardwareCatalog.Load(userFile)
        : File.Exists(CalibrationFile) ? HardwareCatalog.Load(CalibrationFile)
        : HardwareCatalog.BuiltIn;

    /// <summary>The system <paramref name="hw"/> names: a catalog system's name, a catalog file, or <c>file.json#system</c>.</summary>
    public static HwSystem Resolve(string hw)
    {
        var (file, name) = Split(hw);
        if (file is null)
            return Lookup(Catalog(), name!);
        if (!File.Exists(file))
            throw new QuiltNetException(file, "hardware catalog file not found");
        var catalog = Catalog(file);
        if (name is not null)
            return Lookup(catalog, name);
        var own = catalog.Systems.Where(s => !HardwareCatalog.BuiltIn.Systems.Contains(s)).ToList();
        return own.Count == 1
            ? own[0]
            : throw new QuiltNetException(hw, own.Count == 0
                ? "the file defines no system of its own; name a built-in system instead"
                : $"the file defines {own.Count} systems ({string.Join(", ", own.Select(s => s.Name))}): choose one as {file}#NAME");
    }

    /// <summary>Measures this machine and stores the <c>cpu-local</c> catalog where <see cref="Catalog"/> finds it.</summary>
    public static (CpuMeasurement Measurement, string File) Calibrate(string? file = null)
    {
        var measurement = CpuCalibrator.Measure();
        string path = file ?? CalibrationFile;
        string json = CpuCatalogWriter.ToJson(measurement);
        HardwareCatalog.FromJson(json, path); // the file written must load
        AtomicOutput.WriteFile(path, stream => stream.Write(global::System.Text.Encoding.UTF8.GetBytes(json)));
        return (measurement, path);
    }

    private static (string? File, string? Name) Split(string hw)
    {
        int hash = hw.LastIndexOf('#');
        string head = hash > 0 ? hw[..hash] : hw;
        bool isFile = head.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || File.Exists(head);
        return isFile ? (head, hash > 0 ? hw[(hash + 1)..] : null) : (null, hw);
    }

    private static HwSystem Lookup(HardwareCatalog catalog, string name)
    {
        try
        {
            return catalog.System(name);
        }
        catch (CatalogException e)
        {
            throw new ArgumentException(e.Message, "hw");
        }
    }
}
