namespace QuiltNet.Testing.Fuzz;

/// <summary>What one in-process command line did: exit code (null when it ran past its limit), its output, time and managed allocation.</summary>
public sealed record CommandResult(int? ExitCode, string Output, string Error, TimeSpan Elapsed, long AllocatedBytes);
