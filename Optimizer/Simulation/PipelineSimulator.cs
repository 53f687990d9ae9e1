using System.Globalization;
using QuiltNet.Graph;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Costs;

namespace QuiltNet.Optimizer.Simulation;

/// <summary>Scores a pipeline layout on a system with the cost model: analytic steady state, and the resources for the event simulation.</summary>
public static class PipelineSimulator
{
    /// <summary>The steady state of <paramref name="layout"/> on <paramref name="system"/> under <paramref name="model"/>.</summary>
    public static PipelineEstimate Estimate(CostModel model, HwSystem system, PipelineLayout layout)
    {
        var profile = model.Profile;
        Validate(profile, system, layout);
        var bounds = layout.Cuts.Prepend(0).Append(profile.Layers.Count).ToList();
        var stages = new List<StageCost>();
        for (int k = 0; k < layout.StageCount; k++)
            stages.Add(model.Stage(k, system.Chips[layout.ChipOfStage[k]], bounds[k], bounds[k + 1],
                k > 0 ? layout.Compression[k - 1] : null, k < layout.Cuts.Count ? layout.Compression[k] : null));

        var first = system.Chips[layout.ChipOfStage[0]];
        var last = system.Chips[layout.ChipOfStage[^1]];
        var cutsByPosition = profile.Cuts.ToDictionary(c => c.Position);
        var links = new List<LinkCost>
        {
            CostModel.Transfer("host", first.Id, [system.HostLink], profile.Inputs.Sum(i => i.Elements), first.Chip.ActivationBytesPerElement.Value),
        };
        for (int k = 0; k < layout.Cuts.Count; k++)
        {
            var from = system.Chips[layout.ChipOfStage[k]];
            var to = system.Chips[layout.ChipOfStage[k + 1]];
            var route = system.Route(layout.ChipOfStage[k], layout.ChipOfStage[k + 1]);
            long elements = cutsByPosition[layout.Cuts[k]].Tensors.Sum(t => t.Elements);
            links.Add(CostModel.Transfer(from.Id, to.Id, route.Path.Select(h => h.Link).ToList(), elements, from.Chip.ActivationBytesPerElement.Value, layout.Compression[k]));
        }
        links.Add(CostModel.Transfer(last.Id, "host", [system.HostLink], profile.Outputs.Sum(o => o.Elements), last.Chip.ActivationBytesPerElement.Value));

        var busiest = stages.Select(s => (Time: s.TimeSeconds, Name: $"stage {s.Index} on {s.ChipId}"))
            .Concat(links.Select(l => (Time: l.TimeSeconds, Name: $"link {l.From} → {l.To}")))
            .MaxBy(x => x.Time);
        double period = busiest.Time;
        // Every board of the system is powered while the pipeline runs, so one the plan leaves idle still draws
        // its static power: a plan and its baseline are compared on the same powered hardware.
        var chips = system.Chips.Select((chip, i) => new ChipUse(chip.Id, chip.Chip.Name,
            period > 0 ? stages.Where(s => s.ChipId == chip.Id).Sum(s => s.TimeSeconds) / period : 0,
            chip.Chip.StaticPowerWatts.Value * period)).ToList();
        double linkWatts = LinkStaticPowerWatts(system, layout);
        double energy = stages.Sum(s => s.DynamicEnergyJoules) + links.Sum(l => l.EnergyJoules) + chips.Sum(c => c.StaticEnergyJoules) + linkWatts * period;
        var overflows = stages.Where(s => !s.Fits).Select(Overflow).ToList();
        return new PipelineEstimate(Path.GetFileName(profile.Model), system.Name, stages, links, chips, period,
            period > 0 ? 1 / period : double.PositiveInfinity,
            stages.Sum(s => s.TimeSeconds) + links.Sum(l => l.TimeSeconds + l.LatencySeconds), energy, busiest.Name, overflows, linkWatts);
    }

    /// <summary>
    /// The static power of every link the pipeline keeps up: each hop of each cut's route, and the host link at the
    /// first and the last chip, each physical link once however many cuts cross it.
    /// </summary>
    public static double LinkStaticPowerWatts(HwSystem system, PipelineLayout layout)
    {
        var up = new HashSet<(int, int, string)>
        {
            (-1, layout.ChipOfStage[0], system.HostLink.Name),
            (-1, layout.ChipOfStage[^1], system.HostLink.Name),
        };
        double watts = up.Count * system.HostLink.StaticPowerWatts.Value;
        for (int k = 0; k < layout.Cuts.Count; k++)
            foreach (var hop in system.Route(layout.ChipOfStage[k], layout.ChipOfStage[k + 1]).Path)
                if (up.Add((Math.Min(hop.From, hop.To), Math.Max(hop.From, hop.To), hop.Link.Name)))
                    watts += hop.Link.StaticPowerWatts.Value;
        return watts;
    }

    /// <summary>The pipeline as the event simulation sees it: host link, then stage and link alternating, then host link.</summary>
    public static IReadOnlyList<PipelineResource> Resources(PipelineEstimate estimate)
    {
        var resources = new List<PipelineResource>();
        for (int k = 0; k < estimate.Stages.Count; k++)
        {
            var link = estimate.Links[k];
            resources.Add(new PipelineResource($"link {link.From} → {link.To}", ResourceKind.Transfer, link.TimeSeconds, link.LatencySeconds));
            var stage = estimate.Stages[k];
            resources.Add(new PipelineResource($"stage {k} on {stage.ChipId}", ResourceKind.Compute, stage.TimeSeconds));
        }
        var back = estimate.Links[^1];
        resources.Add(new PipelineResource($"link {back.From} → {back.To}", ResourceKind.Transfer, back.TimeSeconds, back.LatencySeconds));
        return resources;
    }

    private static string Overflow(StageCost s) => string.Create(CultureInfo.InvariantCulture,
        $"chip {s.ChipId} ({s.Chip.Name}) needs {s.MemoryUsedBytes / 1e6:0.###} MB for stage {s.Index} (weights {s.WeightBytes / 1e6:0.###} MB + activations {s.PeakActivationBytes / 1e6:0.###} MB) but holds {s.MemoryCapacityBytes / 1e6:0.###} MB: over by {(s.MemoryUsedBytes - s.MemoryCapacityBytes) / 1e6:0.###} MB");

    private static void Validate(ModelProfile profile, HwSystem system, PipelineLayout layout)
    {
        if (layout.ChipOfStage.Count != layout.StageCount || layout.Compression.Count != layout.Cuts.Count)
            throw new ArgumentException("layout lists do not match its cuts", nameof(layout));
        if (layout.StageCount > system.Chips.Count)
            throw new ArgumentException($"{layout.Cuts.Count} cuts make {layout.StageCount} stages, but system {system.Name} has {system.Chips.Count} chips", nameof(layout));
        if (layout.ChipOfStage.Distinct().Count() != layout.StageCount)
            throw new ArgumentException("each stage needs a chip of its own", nameof(layout));
        var candidates = profile.Cuts.Select(c => c.Position).ToHashSet();
        for (int k = 0; k < layout.Cuts.Count; k++)
        {
            if (!candidates.Contains(layout.Cuts[k]))
                throw new ArgumentException($"position {layout.Cuts[k]} is not a candidate cut of {Path.GetFileName(profile.Model)} (see 'quiltnet profile')", nameof(layout));
            if (k > 0 && layout.Cuts[k] <= layout.Cuts[k - 1])
                throw new ArgumentException("positions must increase", nameof(layout));
        }
    }
}
