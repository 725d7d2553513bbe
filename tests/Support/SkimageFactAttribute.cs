namespace Autoencoders.Tests.Support;

/// <summary>
/// A fact that runs Python with scikit-image (tools/denoise-check.py); reported as skipped, with the reason, when no
/// <c>python3</c> imports skimage (Debian: <c>apt-get install python3-skimage</c>, which .ci/run installs).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SkimageFactAttribute : FactAttribute
{
    /// <summary>Set to 1, a test that needs scikit-image fails when it is missing instead of being skipped.</summary>
    public const string RequireVariable = "AUTOENCODERS_REQUIRE_SKIMAGE";

    private static readonly Lazy<string?> Found = new(Find);

    public SkimageFactAttribute()
    {
        if (Python is null && Environment.GetEnvironmentVariable(RequireVariable) != "1")
        {
            Skip = "needs a python3 that imports skimage: apt-get install python3-skimage, or set AUTOENCODERS_PYTHON to such a python";
        }
    }

    /// <summary>The first of $AUTOENCODERS_PYTHON, python3 on the PATH and Debian's /usr/bin/python3 that imports skimage, or null.</summary>
    public static string? Python => Found.Value;

    private static string? Find()
    {
        // A pyenv or virtualenv python3 may come first on the PATH without scikit-image, while Debian's has it.
        string?[] candidates = [Environment.GetEnvironmentVariable("AUTOENCODERS_PYTHON"), "python3", "/usr/bin/python3"];
        foreach (var candidate in candidates.OfType<string>().Where(candidate => candidate.Length > 0))
        {
            try
            {
                if (ProcessRunner.Run(candidate, ["-c", "import skimage, numpy"], AppContext.BaseDirectory, TimeSpan.FromSeconds(60), PythonWithTorch.Environment).ExitCode == 0)
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
