using System.Diagnostics;
using System.Runtime.InteropServices;

namespace QuiltNet.Runtime;

/// <summary>
/// Waits until a <see cref="Stopwatch"/> timestamp with microsecond precision: .NET's sleeps and timers
/// resolve whole milliseconds, but an emulated 1 Gb/s link holds a 25 kB tensor for 0.2 ms, and every
/// microsecond a receiving stage wakes late is lost to it. Long waits block on the cancellation token's
/// handle (cancelling wakes them at once); the rest sleeps in nanosleep where the C library offers it,
/// with the thread's timer slack cut from Linux's default 50 µs; the last <see cref="YieldSeconds"/> yield
/// the processor in a loop, since even an exact nanosleep wakes tens of microseconds late on a virtual machine.
/// </summary>
internal static class PreciseWait
{
    /// <summary>Below this the coarse wait could overshoot the deadline; nanosleep takes over.</summary>
    private const double FineSeconds = 2e-3;

    /// <summary>
    /// Measured on the two-core virtual machine this was built on: nanosleep with 1 ns slack overshoots by
    /// 60 µs at the median, 90 µs at p90; yielding for the last 80 µs brings the median to 1 µs, for up to
    /// 80 µs of processor time per wait (given up to any other thread that wants it).
    /// </summary>
    private const double YieldSeconds = 80e-6;

    private const int PrSetTimerSlack = 29;

    [ThreadStatic]
    private static bool t_slackCut;

    public static void Until(long timestamp, CancellationToken cancellation)
    {
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            long remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0) return;
            double seconds = (double)remaining / Stopwatch.Frequency;
            if (seconds > FineSeconds)
                cancellation.WaitHandle.WaitOne(TimeSpan.FromSeconds(seconds - FineSeconds));
            else if (seconds > YieldSeconds && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
                Sleep(seconds - YieldSeconds);
            else
                Thread.Yield();
        }
    }

    private static void Sleep(double seconds)
    {
        if (OperatingSystem.IsLinux() && !t_slackCut)
        {
            SetTimerSlack(PrSetTimerSlack, 1); // nanoseconds; the default 50 µs would be added to every wake-up
            t_slackCut = true;
        }
        var request = new TimeSpec { Seconds = 0, Nanoseconds = (nint)(seconds * 1e9) };
        NanoSleep(ref request, IntPtr.Zero);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "nanosleep")]
    private static extern int NanoSleep(ref TimeSpec request, IntPtr remaining);

    [DllImport("libc", EntryPoint = "prctl")]
    private static extern int SetTimerSlack(int option, nuint nanoseconds);
}
