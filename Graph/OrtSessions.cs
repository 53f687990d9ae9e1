using Microsoft.ML.OnnxRuntime;

namespace QuiltNet.Graph;

/// <summary>ONNX Runtime sessions the way QuiltNet opens them: quiet logging, chosen optimisation level.</summary>
public static class OrtSessions
{
    public static InferenceSession Open(string path, bool optimize = true) =>
        new(path, Options(optimize));

    public static InferenceSession Open(byte[] model, bool optimize = true) =>
        new(model, Options(optimize));

    private static SessionOptions Options(bool optimize) => new()
    {
        // Errors come back as exceptions; ORT's own warnings (unused initializers ...) are noise to a user.
        LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL,
        GraphOptimizationLevel = optimize ? GraphOptimizationLevel.ORT_ENABLE_ALL : GraphOptimizationLevel.ORT_DISABLE_ALL,
    };
}
