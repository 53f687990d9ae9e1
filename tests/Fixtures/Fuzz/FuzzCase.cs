namespace QuiltNet.Testing.Fuzz;

/// <summary>One fuzzed input: what kind of input was mutated and how, and the command line it went through.</summary>
/// <param name="Names">Names any of which the error line may give to name the input at fault (its folder, its file).</param>
public sealed record FuzzCase(int Index, string Kind, string Command, string Mutation, string[] Args, string[] Names)
{
    public string CommandLine => "quiltnet " + string.Join(' ', Args.Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Length == 0 ? $"'{a}'" : a));
}

/// <summary>A fuzzed input and how it ended.</summary>
public sealed record FuzzResult(FuzzCase Case, Outcome Outcome, CommandResult Result);
