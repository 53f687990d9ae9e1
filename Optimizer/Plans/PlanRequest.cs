using QuiltNet.Estimators.Autoencoders;
using QuiltNet.Graph.Data;
using QuiltNet.HwCatalog;
using QuiltNet.Optimizer.Partitioning;

namespace QuiltNet.Optimizer.Plans;

/// <summary>Everything a plan is made from: the model, the system, the data, and the settings of the solver, the menu and training.</summary>
public sealed record PlanRequest(
    string ModelFile,
    HwSystem System,
    LabelledImages Calibration,
    LabelledImages Evaluation,
    PartitionOptions Partition,
    MenuGrid Menu,
    TrainingOptions Training,
    AutoencoderCache Cache);
