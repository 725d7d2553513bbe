namespace Autoencoders.Data.Download;

/// <summary>Where downloads are kept when the caller names no folder.</summary>
internal static class CacheFolder
{
    public const string Variable = "AUTOENCODERS_CACHE";

    /// <summary>
    /// <c>$AUTOENCODERS_CACHE</c> when set; otherwise the platform's per-user cache: <c>%LOCALAPPDATA%\autoencoders</c>
    /// on Windows, <c>~/Library/Caches/autoencoders</c> on macOS, <c>$XDG_CACHE_HOME/autoencoders</c> or
    /// <c>~/.cache/autoencoders</c> elsewhere.
    /// </summary>
    public static string Resolve(Func<string, string?> getVariable)
    {
        if (getVariable(Variable) is { Length: > 0 } chosen)
        {
            return Path.GetFullPath(chosen);
        }

        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "autoencoders");
        }

        var home = getVariable("HOME") is { Length: > 0 } value ? value : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Caches", "autoencoders");
        }

        // The XDG base-directory rules ignore a relative XDG_CACHE_HOME.
        var cacheHome = getVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg && Path.IsPathRooted(xdg) ? xdg : Path.Combine(home, ".cache");
        return Path.Combine(cacheHome, "autoencoders");
    }
}
