using System.Diagnostics;
using Autoencoders.Checkpoints;
using Autoencoders.IO;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.FaultInjection;

/// <summary>
/// A full disk and a read-only one, as small tmpfs mounts (where the machine allows mounting: root on Linux; elsewhere
/// these tests have nothing to mount and return): one line and exit 2 before training, and the old checkpoint kept
/// when a write fails half-way.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class DiskFaultTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly List<string> _mounts = [];

    public void Dispose()
    {
        foreach (var mount in _mounts)
        {
            Run("umount", mount);
        }

        _temp.Dispose();
    }

    [Fact]
    public void A_disk_too_small_for_the_checkpoint_is_refused_before_training_and_the_old_checkpoint_stays()
    {
        if (Mount("small", "size=3m") is not { } disk)
        {
            return; // this machine does not let tests mount a file system
        }

        var folder = Path.Combine(disk, "checkpoint");
        Assert.Equal(0, CliTests.Run("train", "--epochs", "1", "--batch-size", "512", "--latent", "2", "--threads", "1", "--out", folder).Code);

        var (code, output, errors) = CliTests.Run("train", "--epochs", "1", "--model", "deep", "--hidden", "512,256", "--threads", "1", "--out", folder);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"the checkpoint needs about 1\d\.\d MB but its disk has [0-9.]+ MB free; free some space or choose another output folder", errors);
        Assert.DoesNotContain("epoch", output, StringComparison.Ordinal);
        using var kept = Checkpoint.Load(folder);
        Assert.Equal(2, kept.Metadata.Model.LatentSize);
    }

    [Fact]
    public void A_write_that_fails_half_way_leaves_the_old_folder_and_no_leftovers()
    {
        if (Mount("full", "size=1m") is not { } disk)
        {
            return;
        }

        var folder = Path.Combine(disk, "results");
        AtomicFolder.Replace(folder, fresh => File.WriteAllText(Path.Combine(fresh, "a.txt"), "old"), _ => true);

        var error = Assert.ThrowsAny<IOException>(() => AtomicFolder.Replace(folder, fresh =>
        {
            File.WriteAllText(Path.Combine(fresh, "a.txt"), "new");
            File.WriteAllBytes(Path.Combine(fresh, "big.bin"), new byte[2 << 20]);
        }, _ => true));

        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
        Assert.Equal("old", File.ReadAllText(Path.Combine(folder, "a.txt")));
        Assert.Equal(["results"], Directory.EnumerateFileSystemEntries(disk).Select(entry => Path.GetFileName(entry)));
    }

    [Fact]
    public void A_read_only_output_is_refused_before_training_in_one_line()
    {
        if (Mount("read-only", "size=1m,ro") is not { } disk)
        {
            return;
        }

        var (code, output, errors) = CliTests.Run("train", "--epochs", "1", "--threads", "1", "--out", Path.Combine(disk, "checkpoint"));

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{disk} is read-only or not writable", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("epoch", output, StringComparison.Ordinal);
    }

    private string? Mount(string name, string options)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var point = _temp.File(name);
        Directory.CreateDirectory(point);
        if (Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", point) != 0)
        {
            return null;
        }

        _mounts.Add(point);
        return point;
    }

    private static int Run(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
