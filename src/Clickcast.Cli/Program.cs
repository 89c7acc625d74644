using Clickcast.Cli;

return await ClickcastCli.RunAsync(args).ConfigureAwait(false);
