namespace Autoencoders.Tests.Support;

/// <summary>
/// A fact that runs Python with PyTorch; reported as skipped, with the reason, when no <c>python3</c> imports torch and
/// numpy (Debian: <c>apt-get install python3-torch</c>, which .ci/run installs).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class PyTorchFactAttribute : FactAttribute
{
    public PyTorchFactAttribute()
    {
        // CI installs PyTorch and sets the variable: there a missing PyTorch fails the test instead of skipping it.
        if (PythonWithTorch.Path is null && System.Environment.GetEnvironmentVariable(PythonWithTorch.RequireVariable) != "1")
        {
            Skip = "needs a python3 that imports torch and numpy: apt-get install python3-torch, or set AUTOENCODERS_PYTHON to such a python";
        }
    }
}

internal static class PythonWithTorch
{
    /// <summary>Set to 1, a test that needs PyTorch fails when it is missing instead of being skipped.</summary>
    public const string RequireVariable = "AUTOENCODERS_REQUIRE_PYTORCH";

    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The first of $AUTOENCODERS_PYTHON, python3 on the PATH and Debian's /usr/bin/python3 that imports torch and numpy, or null.</summary>
    public static string? Path => Found.Value;

    /// <summary>
    /// The environment to run it in: without LD_LIBRARY_PATH, which may point at the NuGet libtorch this process uses;
    /// PyTorch must load its own.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = "" };

    private static string? Find()
    {
        // A pyenv or virtualenv python3 may come first on the PATH without torch, while Debian's has it.
        string?[] candidates = [System.Environment.GetEnvironmentVariable("AUTOENCODERS_PYTHON"), "python3", "/usr/bin/python3"];
        foreach (var candidate in candidates.OfType<string>().Where(candidate => candidate.Length > 0))
        {
            try
            {
                var result = ProcessRunner.Run(candidate, ["-c", "import torch, numpy"], AppContext.BaseDirectory, TimeSpan.FromSeconds(60), Environment);
                if (result.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name.
            }
        }

        return null;
    }
}
