using Autoencoders.Plots;

namespace Autoencoders.Tests.Support;

/// <summary>A fact that opens pages in a headless Chromium; reported as skipped, with the reason, when none is installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!ChartPng.IsAvailable)
        {
            Skip = $"needs a headless Chromium to open the pages: apt-get install chromium, or set {ChartPng.ChromiumVariable} to its path";
        }
    }
}
