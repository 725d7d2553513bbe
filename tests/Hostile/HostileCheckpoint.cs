using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Hostile;

/// <summary>One small trained checkpoint (dense, digits, 1 epoch) that the hostile-input tests copy and damage.</summary>
public sealed class HostileCheckpoint : IDisposable
{
    private readonly TempFolder _folder = new();

    public HostileCheckpoint()
    {
        var (code, _, errors) = CliTests.Run("train", "--model", "dense", "--epochs", "1", "--batch-size", "256", "--threads", "1", "--out", Path);
        Assert.True(code == 0, errors);
    }

    public string Path => _folder.File("checkpoint");

    /// <summary>A copy of the checkpoint in <paramref name="destination"/>.</summary>
    public string CopyTo(string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.EnumerateFiles(Path))
        {
            File.Copy(file, System.IO.Path.Combine(destination, System.IO.Path.GetFileName(file)));
        }

        return destination;
    }

    public void Dispose() => _folder.Dispose();
}
