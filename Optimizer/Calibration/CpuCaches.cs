using System.Runtime.Intrinsics.X86;

namespace QuiltNet.Optimizer.Calibration;

/// <summary>
/// The cache one core can keep a stage's weights and activations in: its level-2 cache and its share of the
/// level-3 cache (the L3 divided by the logical processors sharing it), read from the processor itself (CPUID
/// cache-topology leaves), or from Linux sysfs where CPUID does not say; 1 MiB where neither does.
/// </summary>
internal static class CpuCaches
{
    public static (long Bytes, string Source) BytesPerCore()
    {
        if (FromCpuid() is { } cpuid) return cpuid;
        if (FromSysfs() is { } sysfs) return (sysfs, "level-2 cache of core 0 (Linux sysfs)");
        return (1 << 20, "not readable: 1 MiB assumed");
    }

    private static (long, string)? FromCpuid()
    {
        if (!X86Base.IsSupported) return null;
        // AMD: leaf 0x8000001D; Intel: leaf 4. Same layout: one sub-leaf per cache, type 0 ends the list.
        var (maxExtended, _, _, _) = X86Base.CpuId(unchecked((int)0x80000000), 0);
        int leaf = unchecked((uint)maxExtended) >= 0x8000001D && IsAmd() ? unchecked((int)0x8000001D) : 4;
        long l2 = 0, l3Share = 0, l3 = 0;
        int sharing = 1;
        for (int sub = 0; sub < 8; sub++)
        {
            var (eax, ebx, ecx, _) = X86Base.CpuId(leaf, sub);
            if ((eax & 0x1F) == 0) break;
            int level = (eax >> 5) & 0x7;
            long size = (long)(((ebx >> 22) & 0x3FF) + 1) * (((ebx >> 12) & 0x3FF) + 1) * ((ebx & 0xFFF) + 1) * ((long)(uint)ecx + 1);
            int threads = ((eax >> 14) & 0xFFF) + 1;
            if (level == 2) l2 = size / Math.Max(1, threads);
            if (level == 3)
            {
                l3 = size;
                sharing = threads;
                l3Share = size / Math.Max(1, threads);
            }
        }
        if (l2 == 0) return null;
        string source = l3 > 0
            ? $"CPUID: level-2 cache {l2 >> 10} KiB + level-3 share {l3Share >> 10} KiB ({l3 >> 20} MiB shared by {sharing} logical processors)"
            : $"CPUID: level-2 cache {l2 >> 10} KiB (no level 3 reported)";
        return (l2 + l3Share, source);
    }

    private static bool IsAmd()
    {
        var (_, ebx, ecx, edx) = X86Base.CpuId(0, 0);
        return ebx == 0x68747541 && edx == 0x69746E65 && ecx == 0x444D4163; // "AuthenticAMD"
    }

    private static long? FromSysfs()
    {
        const string path = "/sys/devices/system/cpu/cpu0/cache/index2/size";
        if (!File.Exists(path)) return null;
        string text = File.ReadAllText(path).Trim();
        long factor = text.EndsWith('K') ? 1024 : text.EndsWith('M') ? 1 << 20 : 1;
        return long.TryParse(text.TrimEnd('K', 'M'), out long value) ? value * factor : null;
    }
}
