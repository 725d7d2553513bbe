namespace Autoencoders.Tests.Support;

internal static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds the solution file.</summary>
    public static string Root { get; } = FindRoot();

    public static string NuGetPackages =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Autoencoders.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Autoencoders.slnx above {AppContext.BaseDirectory}");
    }
}
