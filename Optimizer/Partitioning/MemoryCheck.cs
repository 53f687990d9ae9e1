using System.Globalization;

namespace QuiltNet.Optimizer.Partitioning;

/// <summary>
/// Memory checks before the solver runs, so that an input that cannot fit is told why in chips and bytes
/// rather than "infeasible": a node range that no chip can hold, weights beyond all chips together, or
/// fewer chips than the model needs. Each assumes every chip a plan may use were of one type, so passing
/// them does not promise a fit on a mixed system (the solver then says so).
/// </summary>
internal static class MemoryCheck
{
    public static void ThrowIfCannotFit(PartitionInstance instance)
    {
        ThrowIfARangeFitsNowhere(instance);
        ThrowIfWeightsExceedAllChips(instance);
        ThrowIfTooFewChips(instance);
    }

    // The smallest stages there are, the ranges between neighbouring boundaries, must each fit some chip.
    private static void ThrowIfARangeFitsNowhere(PartitionInstance instance)
    {
        for (int from = 0; from < instance.Last; from++)
        {
            if (instance.Types.Any(t => instance.Stage(t.Index, from, from + 1).Memory <= instance.Capacity(t.Index)))
                continue;
            var type = instance.Types.MinBy(t => instance.Stage(t.Index, from, from + 1).Memory - instance.Capacity(t.Index))!;
            var stage = instance.Cost.Stage(0, type.Representative, instance.Boundaries[from], instance.Boundaries[from + 1]);
            var layers = instance.Cost.Profile.Layers;
            throw new ArgumentException(Text(
                $"nodes {stage.Start}–{stage.End - 1} ({layers[stage.Start].Name} … {layers[stage.End - 1].Name}) cannot be split further and need {Mb(stage.MemoryUsedBytes)} (weights {Mb(stage.WeightBytes)} + activations {Mb(stage.PeakActivationBytes)}), but the roomiest chip of {instance.System.Name}, {type.Chip.Name}, holds {Mb(type.Chip.CapacityBytes)}: {Mb(stage.MemoryUsedBytes - type.Chip.CapacityBytes)} short"), "system");
        }
    }

    private static void ThrowIfWeightsExceedAllChips(PartitionInstance instance)
    {
        double parameters = instance.Cost.Profile.Layers.Sum(l => (double)l.Parameters);
        double weights = parameters * instance.Types.Min(t => t.Chip.WeightBytesPerElement.Value);
        double held = instance.System.Chips.Select(c => c.Chip.CapacityBytes).OrderDescending().Take(instance.Slots).Sum();
        if (weights > held)
            throw new ArgumentException(Text(
                $"{Model(instance)} does not fit at all: its weights alone take {Mb(weights)}, and the {instance.Slots} {ChipsOffered(instance)[4..]} hold {Mb(held)} together"), "system");
    }

    // Greedy filling (each stage takes in nodes while it fits) needs the fewest stages, because a stage's
    // memory only grows as it takes in more nodes.
    private static void ThrowIfTooFewChips(PartitionInstance instance)
    {
        var needs = instance.Types.Select(t => (Type: t, Stages: Stages(instance, t.Index, instance.Capacity(t.Index)))).MinBy(n => n.Stages);
        if (needs.Stages <= instance.Slots) return;
        int type = needs.Type.Index;
        long low = instance.Capacity(type), high = instance.Stage(type, 0, instance.Last).Memory;
        while (low < high)
        {
            long middle = low + (high - low) / 2;
            if (Stages(instance, type, middle) <= instance.Slots) high = middle;
            else low = middle + 1;
        }
        throw new ArgumentException(Text(
            $"{Model(instance)} needs at least {needs.Stages} chips of {needs.Type.Chip.Name} ({Mb(needs.Type.Chip.CapacityBytes)} each) to hold its weights and activations, but {ChipsOffered(instance)} offer {instance.Slots}: split {instance.Slots} ways its fullest stage still needs {Mb(low)}, {Mb(low - needs.Type.Chip.CapacityBytes)} more than the chip holds"), "system");
    }

    private static int Stages(PartitionInstance instance, int type, long limit)
    {
        int stages = 0;
        for (int from = 0; from < instance.Last; stages++)
        {
            int to = from + 1;
            if (instance.Stage(type, from, to).Memory > limit) return int.MaxValue;
            while (to < instance.Last && instance.Stage(type, from, to + 1).Memory <= limit) to++;
            from = to;
        }
        return stages;
    }

    private static string Model(PartitionInstance instance) => Path.GetFileName(instance.Cost.Profile.Model);

    private static string ChipsOffered(PartitionInstance instance) =>
        instance.Slots < instance.System.Chips.Count
            ? $"the chips of {instance.System.Name} that the chip limit allows"
            : $"the chips of {instance.System.Name}";

    private static string Mb(double bytes) => (bytes / 1e6).ToString("0.###", CultureInfo.InvariantCulture) + " MB";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
