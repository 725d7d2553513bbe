using System.Text.Json;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Packaging;

/// <summary>A fresh console project consumes the packed library the way a user would, with TorchSharp-cpu beside it.</summary>
[Collection(PackedArtifactsGroup.Name)]
public sealed class PackageConsumerTests(PackedArtifacts packed)
{
    private const string Program = """
        using Autoencoders.Data;
        using Autoencoders.Models;
        using Autoencoders.Native;
        using Autoencoders.Pipeline;
        using Autoencoders.Training;

        TorchRuntime.EnsureLoaded();
        using var data = Datasets.Load("digits");
        using var trained = ModelTraining.Train(data, new ModelOptions(), new TrainingOptions(Epochs: 2));
        trained.Save("model");
        using var loaded = TrainedModel.Load("model");
        Console.WriteLine($"epochs {loaded.History.Epochs.Count} first {loaded.History.InitialLoss:R} last {loaded.History.FinalLoss:R}");
        """;

    [LinuxFact("the library packs and loads libtorch on Linux here")]
    public void The_library_package_supports_a_package_user_through_training_two_epochs_on_digits_and_reloading_the_checkpoint()
    {
        using var app = NewConsumer(withBackend: true);

        PackedArtifacts.Dotnet(app.Path, "restore");
        var run = PackedArtifacts.Dotnet(app.Path, "run", "--no-restore", "-c", "Release");

        var line = run.Output.Split('\n').Single(l => l.StartsWith("epochs ", StringComparison.Ordinal)).Split(' ');
        Assert.Equal("2", line[1]);
        // Two epochs of Adam from a seeded start lower the loss: the reloaded history is the trained one.
        Assert.True(double.Parse(line[5], System.Globalization.CultureInfo.InvariantCulture)
            < double.Parse(line[3], System.Globalization.CultureInfo.InvariantCulture), run.Output);
        using var metadata = JsonDocument.Parse(File.ReadAllText(app.File("model/checkpoint.json")));
        Assert.Equal(PackedArtifacts.Version, metadata.RootElement.GetProperty("libraryVersion").GetString());
        Assert.Equal(PackedArtifacts.Version, metadata.RootElement.GetProperty("environment").GetProperty("library").GetString());
    }

    [LinuxFact("the library's backend check is made on Linux")]
    public void A_package_user_without_a_backend_gets_one_line_naming_TorchSharp_cpu()
    {
        using var app = NewConsumer(withBackend: false);

        PackedArtifacts.Dotnet(app.Path, "restore");
        var run = ProcessRunner.Run("dotnet", ["run", "--no-restore", "-c", "Release"], app.Path, TimeSpan.FromMinutes(5));

        Assert.NotEqual(0, run.ExitCode);
        var message = run.Errors.Split('\n').FirstOrDefault(l => l.Contains("TorchRuntimeException", StringComparison.Ordinal));
        Assert.True(message is not null, run.Errors);
        Assert.Contains("has no native backend", message, StringComparison.Ordinal);
        Assert.Contains("reference the TorchSharp-cpu package", message, StringComparison.Ordinal);
    }

    private TempFolder NewConsumer(bool withBackend)
    {
        var app = new TempFolder();
        // Empty build files stop MSBuild from importing any Directory.*.props above the temporary folder.
        app.Write("Directory.Build.props", "<Project />");
        app.Write("Directory.Build.targets", "<Project />");
        app.Write("Directory.Packages.props", "<Project />");
        var backend = withBackend ? """<PackageReference Include="TorchSharp-cpu" Version="0.107.0" />""" : "";
        app.Write("Consumer.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackedArtifacts.LibraryId}" Version="{PackedArtifacts.Version}" />
                {backend}
              </ItemGroup>
            </Project>
            """);
        app.Write("Program.cs", Program);
        packed.WriteNuGetConfig(app.Path, app.File("nuget-packages"));
        return app;
    }
}
