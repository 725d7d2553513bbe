using System.Diagnostics;

namespace Autoencoders.Tests.Support;

internal sealed record ProcessResult(int ExitCode, string Output, string Errors);

internal static class ProcessRunner
{
    /// <summary>
    /// Runs a program to completion (or kills it after <paramref name="timeout"/>) and captures its output;
    /// <paramref name="environment"/> adds to (or overrides) the test process's environment variables.
    /// </summary>
    public static ProcessResult Run(
        string program,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        return new ProcessResult(process.ExitCode, output.Result, errors.Result);
    }
}
