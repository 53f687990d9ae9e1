namespace QuiltNet.Runtime.Tests;

/// <summary>
/// Tests that measure time, memory or a network run alone, after the others: live-memory samples count the
/// whole process, and timeouts must not be spent waiting for processors other tests hold.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Serial
{
    public const string Name = "serial";
}
