using Microsoft.ML.OnnxRuntime;

namespace QuiltNet.Graph;

/// <summary>ONNX Runtime sessions the way QuiltNet opens them: quiet logging, chosen optimisation level.</summary>
public static class OrtSessions
{
    static OrtSessions()
    {
        // The environment's own logger writes to the process's stderr, past QuiltNet's one-line errors: an allocation a
        // malformed model asks for is logged there in colour, then reported again as the exception the caller handles.
        OrtEnv.Instance().EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
    }

    /// <param name="threads">Intra-op threads; null lets ONNX Runtime use every core.</param>
    /// <param name="path">The model file.</param>
    /// <param name="optimize">Whether ONNX Runtime may rewrite the graph (all optimisations) or must run it as written.</param>
    public static InferenceSession Open(string path, bool optimize = true, int? threads = null) =>
        new(path, Options(optimize, threads));

    /// <summary>Opens a session on a serialised model held in memory.</summary>
    /// <param name="model">The model's protobuf bytes.</param>
    /// <param name="optimize">Whether ONNX Runtime may rewrite the graph (all optimisations) or must run it as written.</param>
    /// <param name="threads">Intra-op threads; null lets ONNX Runtime use every core.</param>
    public static InferenceSession Open(byte[] model, bool optimize = true, int? threads = null)
    {
        // The session copies what it needs from its options; they hold native memory of their own.
        using var options = Options(optimize, threads);
        return new InferenceSession(model, options);
    }

    private static SessionOptions Options(bool optimize, int? threads)
    {
        var options = new SessionOptions
        {
            // Errors come back as exceptions; ORT's own warnings (unused initializers ...) are noise to a user.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
            GraphOptimizationLevel = optimize ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_DISABLE_ALL,
        };
        if (threads is { } count)
        {
            options.IntraOpNumThreads = count;
            options.InterOpNumThreads = 1;
        }
        return options;
    }
}
