namespace Autoencoders.Plots;

/// <summary>
/// PNG export needs a local Chromium and none was found. The message is one line naming what was looked for and the
/// package to install; callers such as the CLI can report it as a warning and keep the HTML files.
/// </summary>
public sealed class ChromiumNotFoundException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public ChromiumNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public ChromiumNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ChromiumNotFoundException()
    {
    }
}
