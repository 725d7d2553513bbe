using Autoencoders.Native;
using Autoencoders.Tests.Support;
using TorchSharp;

namespace Autoencoders.Tests;

/// <summary>The library references TorchSharp without a backend: an app that references none is told so in one line.</summary>
public class MissingBackendTests
{
    [Fact]
    public void An_app_folder_without_libtorch_is_refused_in_one_line_naming_TorchSharp_cpu()
    {
        using var app = new TempFolder();
        var torchSharp = CopyTorchSharpTo(app.Path);

        var message = TorchRuntime.MissingBackend(torchSharp, hostFolders: [app.Path]);

        Assert.NotNull(message);
        Assert.Contains("TorchSharp-cpu", message, StringComparison.Ordinal);
        Assert.Contains("0.107.0", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("runtimes/linux-x64/native")]
    public void An_app_whose_own_folders_hold_libtorch_is_accepted(string nativeFolder)
    {
        using var app = new TempFolder();
        var torchSharp = CopyTorchSharpTo(app.Path);
        app.Write(Path.Combine(nativeFolder, "libtorch_cpu.so"), []);

        Assert.Null(TorchRuntime.MissingBackend(torchSharp, hostFolders: []));
    }

    [Fact]
    public void A_host_listed_native_folder_with_libtorch_is_accepted()
    {
        using var app = new TempFolder();
        using var natives = new TempFolder();
        var torchSharp = CopyTorchSharpTo(app.Path);
        natives.Write("libtorch_cpu.so", []);

        Assert.Null(TorchRuntime.MissingBackend(torchSharp, hostFolders: [natives.Path]));
    }

    [Fact]
    public void TorchSharp_loaded_from_the_NuGet_packages_folder_is_left_to_the_package_search()
    {
        // A notebook kernel loads TorchSharp.dll from <packages>/torchsharp/<version>/lib/<tfm>/ and finds libtorch in the
        // packages folder, which is not an app folder.
        using var packages = new TempFolder();
        var torchSharp = CopyTorchSharpTo(Path.Combine(packages.Path, "torchsharp", "0.107.0", "lib", "net8.0"));

        Assert.Null(TorchRuntime.MissingBackend(torchSharp, hostFolders: []));
    }

    private static string CopyTorchSharpTo(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "TorchSharp.dll");
        File.Copy(typeof(torch).Assembly.Location, path);
        return path;
    }
}
