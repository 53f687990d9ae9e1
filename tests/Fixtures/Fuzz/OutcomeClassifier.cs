namespace QuiltNet.Testing.Fuzz;

/// <summary>Sorts a command's end into the outcomes that pass (exit 0, a one-line error naming the input) and the ones that do not.</summary>
public static class OutcomeClassifier
{
    /// <summary>Managed bytes any command may allocate whatever its input (the fitting commands train on real data).</summary>
    public const long AllocationAllowance = 3L << 30;

    public static Outcome Classify(FuzzCase input, CommandResult result, long inputBytes)
    {
        if (result.ExitCode is not { } code) return Outcome.Hang;
        if (result.AllocatedBytes > AllocationAllowance + 64 * inputBytes) return Outcome.Allocation;
        string error = result.Error;
        if (code == 70 || error.Contains("internal error", StringComparison.Ordinal)) return Outcome.InternalError;
        if (error.Contains("   at ", StringComparison.Ordinal) || error.Contains("Exception", StringComparison.Ordinal)) return Outcome.Crash;
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // Beside errors and warnings, stderr may carry the data layer's one note on where the samples came from.
        if (lines.Any(l => !l.StartsWith("error:", StringComparison.Ordinal) && !l.StartsWith("warning:", StringComparison.Ordinal) && !l.StartsWith("data:", StringComparison.Ordinal)))
            return Outcome.Crash;
        var errors = lines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToList();
        switch (code)
        {
            case 0:
            case 2 when input.Command == "verify" && errors.Count == 0:
                return errors.Count == 0 ? Outcome.Ok : Outcome.Crash;
            case 1:
                if (errors.Count == 0) return Outcome.Crash;
                // A catalog's problems are one line each (each with its JSON path); anything else says one thing.
                if (errors.Count > 1 && input.Kind != "catalog") return Outcome.Crash;
                return input.Names.Any(n => errors[0].Contains(n, StringComparison.Ordinal)) || errors[0].Contains("error: --", StringComparison.Ordinal)
                    ? Outcome.CleanError
                    : Outcome.Unnamed;
            default:
                return Outcome.Crash;
        }
    }
}
