namespace Autoencoders.Tests.Support;

/// <summary>
/// A fact that runs ONNX's own checker; reported as skipped, with the reason, when no <c>python3</c> imports onnx
/// (Debian: <c>apt-get install python3-onnx</c>, which .ci/run installs and then requires).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class OnnxCheckerFactAttribute : FactAttribute
{
    public OnnxCheckerFactAttribute()
    {
        if (PythonWithOnnx.Path is null && Environment.GetEnvironmentVariable(PythonWithOnnx.RequireVariable) != "1")
        {
            Skip = "needs a python3 that imports onnx: apt-get install python3-onnx (ONNX 1.12, Debian 12), or set AUTOENCODERS_PYTHON to such a python";
        }
    }
}

internal static class PythonWithOnnx
{
    /// <summary>Set to 1, a test that needs ONNX's checker fails when it is missing instead of being skipped.</summary>
    public const string RequireVariable = "AUTOENCODERS_REQUIRE_ONNX_CHECKER";

    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The first of $AUTOENCODERS_PYTHON, python3 on the PATH and Debian's /usr/bin/python3 that imports onnx, or null.</summary>
    public static string? Path => Found.Value;

    private static string? Find()
    {
        // A pyenv or virtualenv python3 may come first on the PATH without onnx, while Debian's has it.
        string?[] candidates = [Environment.GetEnvironmentVariable("AUTOENCODERS_PYTHON"), "python3", "/usr/bin/python3"];
        foreach (var candidate in candidates.OfType<string>().Where(candidate => candidate.Length > 0))
        {
            try
            {
                if (ProcessRunner.Run(candidate, ["-c", "import onnx"], AppContext.BaseDirectory, TimeSpan.FromSeconds(60)).ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name; try the next.
            }
        }

        return null;
    }
}
