using Autoencoders.Evaluation.Denoising;

namespace Autoencoders.Tests.Support;

/// <summary>
/// A fact that runs OpenCV's classical denoisers; reported as skipped, with the reason, when OpenCV's native library
/// does not load (Debian: <c>apt-get install libgtk-3-0</c>, which .ci/run installs).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class OpenCvFactAttribute : FactAttribute
{
    public OpenCvFactAttribute()
    {
        // CI installs GTK 3 and sets the variable: there a missing OpenCV fails the test instead of skipping it.
        if (ClassicalDenoisers.Unavailable is { } problem && Environment.GetEnvironmentVariable(RequireVariable) != "1")
        {
            Skip = $"needs OpenCV's native library: {problem}";
        }
    }

    /// <summary>Set to 1, a test that needs OpenCV fails when it is missing instead of being skipped.</summary>
    public const string RequireVariable = "AUTOENCODERS_REQUIRE_OPENCV";
}
