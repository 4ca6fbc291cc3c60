using Delegation.Cli;

return await DelegationCommand.InvokeAsync(args, Console.Out, Console.Error);
