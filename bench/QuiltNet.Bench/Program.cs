using QuiltNet.Bench;

// Benchmarks whose targets are coarse (seconds), so plain wall-clock timing against a baseline
// measured in the same run is enough; results go to bench/results/*.md.
return args switch
{
    ["profile-speed", var model, .. var rest] => ProfileSpeed.Run(model, rest.FirstOrDefault()),
    ["published-figures", var folder, .. var rest] => PublishedFigures.Run(folder, rest.FirstOrDefault()),
    ["simulator-speed", var model, .. var rest] => SimulatorSpeed.Run(model, rest.FirstOrDefault()),
    ["simulator-accuracy", var output, .. var folders] when folders.Length > 0 => SimulatorAccuracy.Run(output, folders),
    ["distillation-speed", var repository, .. var rest] => DistillationSpeed.Run(repository, rest.FirstOrDefault()),
    ["runtime", var model, var data, .. var rest] => RuntimeThroughput.Run(model, data, rest.FirstOrDefault()),
    ["distributed", var plan, var data, .. var rest] => DistributedThroughput.Run(plan, data, rest.FirstOrDefault()),
    ["paper-comparison", var repository, var data, .. var rest] => PaperComparison.Run(repository, data, rest.FirstOrDefault(), rest.Skip(1).FirstOrDefault()),
    ["tuner-comparison", var repository, var data, .. var rest] => TunerComparison.Run(repository, data, rest.FirstOrDefault(), rest.Skip(1).FirstOrDefault()),
    ["solver-speed", var resnet, .. var rest] => SolverSpeed.Run(resnet == "-" ? null : resnet, rest.FirstOrDefault()),
    ["optimize-default", var cli, .. var rest] => OptimizeDefault.Run(cli, rest.FirstOrDefault(), rest.Skip(1).FirstOrDefault(), [.. rest.Skip(2)]),
    ["fuzz", var seed, var count, .. var rest] => FuzzCommands.Run(seed, count, rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: quiltnet-bench profile-speed MODEL.onnx [OUT.md]");
    Console.Error.WriteLine("       quiltnet-bench published-figures FOLDER [OUT.md]   (FOLDER from bench/torchvision/export_reference.py)");
    Console.Error.WriteLine("       quiltnet-bench simulator-speed MODEL.onnx [OUT.md]");
    Console.Error.WriteLine("       quiltnet-bench simulator-accuracy OUT.md MODELS-FOLDER [MORE-FOLDERS...]");
    Console.Error.WriteLine("       quiltnet-bench distillation-speed REPOSITORY-ROOT [OUT.md]");
    Console.Error.WriteLine("       quiltnet-bench runtime MODEL.onnx DATA-FOLDER [OUT.md]   (a Fashion-MNIST-style folder: train and t10k splits)");
    Console.Error.WriteLine("       quiltnet-bench distributed PLAN.json DATA-FOLDER [OUT.md]   (as root: workers in network namespaces over tc-shaped links)");
    Console.Error.WriteLine("       quiltnet-bench paper-comparison REPOSITORY-ROOT DATA-FOLDER [OUT.md [SYSTEM,SYSTEM...]]");
    Console.Error.WriteLine("       quiltnet-bench tuner-comparison REPOSITORY-ROOT DATA-FOLDER [OUT.md [MODEL,MODEL...]]");
    Console.Error.WriteLine("       quiltnet-bench solver-speed RESNET50.onnx|- [OUT.md]   (- skips ResNet-50)");
    Console.Error.WriteLine("       quiltnet-bench fuzz SEED COUNT [OUT.md] [--from N]   (run with DOTNET_GCHeapHardLimit set, e.g. 0x100000000)");
    Console.Error.WriteLine("       quiltnet-bench optimize-default QUILTNET.dll [OUT.md [BEFORE-QUILTNET.dll ARGS...]]");
    return 1;
}
