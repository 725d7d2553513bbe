using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>Several interceptors where Spectre.Console.Cli takes one, run in order (the first to throw stops the rest).</summary>
internal sealed class InterceptorChain(params ICommandInterceptor[] interceptors) : ICommandInterceptor
{
    public void Intercept(CommandContext context, CommandSettings settings)
    {
        foreach (var interceptor in interceptors)
        {
            interceptor.Intercept(context, settings);
        }
    }
}
