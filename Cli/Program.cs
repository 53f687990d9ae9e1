using QuiltNet.Cli;

return QuiltNetApp.Run(args, Console.Out, Console.Error);
