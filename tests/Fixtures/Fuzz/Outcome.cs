namespace QuiltNet.Testing.Fuzz;

/// <summary>How one fuzzed input ended. Only the first two pass.</summary>
public enum Outcome
{
    /// <summary>Exit 0 (or verify's exit 2: the stages differ from the model by more than the tolerance).</summary>
    Ok,

    /// <summary>Exit 1 with one <c>error:</c> line that names the input.</summary>
    CleanError,

    /// <summary>Exit 70: an exception the command did not expect.</summary>
    InternalError,

    /// <summary>A stack trace, an exception type name, several error lines, or an exit code that means neither.</summary>
    Crash,

    /// <summary>An error line that names neither the file nor the flag at fault.</summary>
    Unnamed,

    /// <summary>Still running past the per-input time limit.</summary>
    Hang,

    /// <summary>Managed allocation far beyond what the input's size justifies.</summary>
    Allocation,
}
