namespace Autoencoders.Tests.Support;

/// <summary>A fact that needs Linux (its /proc or /bin/sh); reported as skipped, with the reason, on other systems.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(string why)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = $"needs Linux: {why}";
        }
    }
}
