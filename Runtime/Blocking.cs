namespace QuiltNet.Runtime;

/// <summary>
/// Channel waits on a dedicated thread: when data or space is already there the wait completes at once
/// without allocating; otherwise the thread blocks, which is what a thread per stage is for.
/// </summary>
internal static class Blocking
{
    public static bool Wait(ValueTask<bool> pending) => pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
}
