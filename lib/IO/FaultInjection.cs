using System.Globalization;

namespace Autoencoders.IO;

/// <summary>
/// Hooks for the fault-injection tests (tests/FaultInjection), set by the environment variable
/// <c>AUTOENCODERS_FAULT_INJECTION</c>, which nothing else sets: <c>pause-at:STEP:MILLISECONDS</c> announces
/// <c>fault-injection: at STEP</c> on standard error and waits there, so a test can kill the process at that exact
/// moment; <c>two-renames</c> swaps folders the way systems without an exchange call must. Steps: <c>swap</c> (the new
/// folder is complete, nothing renamed yet), <c>between-renames</c> (the old folder moved aside, the new one not yet in
/// place), <c>cleanup</c> (the new folder in place, the old one not yet deleted).
/// </summary>
internal static class FaultInjection
{
    private static readonly string? Setting = Environment.GetEnvironmentVariable("AUTOENCODERS_FAULT_INJECTION");

    /// <summary>Whether folders are to be swapped with two renames even where one exchange could do it.</summary>
    public static bool TwoRenames => Setting == "two-renames" || (Setting?.EndsWith(":two-renames", StringComparison.Ordinal) ?? false);

    /// <summary>Waits at <paramref name="step"/> when told to.</summary>
    public static void At(string step)
    {
        if (Setting is null || !Setting.StartsWith($"pause-at:{step}:", StringComparison.Ordinal))
        {
            return;
        }

        var milliseconds = int.Parse(Setting.Split(':')[2], CultureInfo.InvariantCulture);
        Console.Error.WriteLine($"fault-injection: at {step}");
        Console.Error.Flush();
        Thread.Sleep(milliseconds);
    }
}
