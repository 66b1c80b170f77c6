using Observatory.Cli;

return await ObservatoryCommandLine.RunAsync(args, Console.Out, Console.Error);
