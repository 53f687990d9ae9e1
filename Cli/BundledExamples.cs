namespace QuiltNet.Cli;

/// <summary>
/// The example model, data and systems shipped beside the tool (copied from <c>examples/</c> at build time), and what
/// <c>optimize</c> does with them when given no arguments: one place for the defaults of the bundled run.
/// </summary>
public static class BundledExamples
{
    public const string DefaultModelFile = "fmnist_vgg.onnx";

    /// <summary>Four ZCU102 DPU boards on Gigabit Ethernet (built in): the links are slow beside the chips, as compression needs.</summary>
    public const string DefaultSearchSystem = "fpga4-1gbe";

    public const string DefaultSearchSystemDescription = "four DPU boards on Gigabit Ethernet";

    /// <summary>The accuracy constraint when none is given, in percentage points.</summary>
    public const double DefaultMaxAccuracyLossPp = 0.5;

    /// <summary>Calibration images a search trains its autoencoders on: enough for 1×1 codecs of a few thousand weights.</summary>
    public const int SearchCalibrationSamples = 500;

    /// <summary>Seconds the bundled example's search may run (its first trial always finishes): the run ends within a minute on two cores.</summary>
    public const double SearchTimeBudgetSeconds = 40;

    /// <summary>Training epochs per autoencoder in a search.</summary>
    public const int SearchEpochs = 3;

    public static string ModelsFolder => Path.Combine(AppContext.BaseDirectory, "examples", "models");

    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "examples", "data");

    public static string DefaultModel => Path.Combine(ModelsFolder, DefaultModelFile);
}
