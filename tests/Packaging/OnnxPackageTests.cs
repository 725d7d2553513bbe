using System.Globalization;
using Autoencoders.Tests.Pipeline;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Packaging;

/// <summary>
/// A fresh console project with only the packed AutoencoderWorkbook.Onnx package (ONNX Runtime, no TorchSharp) scores a
/// CSV with an exported detector as 'score' does with the checkpoint.
/// </summary>
public sealed class OnnxPackageTests(TabularModelFixture model) : IClassFixture<TabularModelFixture>
{
    private const string PackageId = "AutoencoderWorkbook.Onnx";

    private const string Program = """
        using System.Globalization;
        using Autoencoders.Onnx;

        using var detector = OnnxDetector.Load(args[0], threads: 1);
        var result = detector.ScoreCsv(args[1]);
        Console.WriteLine($"score {detector.Description.Score} threshold {detector.Description.ThresholdName}");
        for (var row = 0; row < result.Scores.Length; row++)
        {
            Console.WriteLine($"{row},{OnnxDetector.Format(result.Scores[row])},{(result.Anomalies[row] ? 1 : 0)}");
        }
        """;

    [LinuxFact("the package is packed and restored offline on Linux here")]
    public void A_console_project_with_only_the_ONNX_package_scores_a_CSV_as_the_score_verb_does()
    {
        using var folder = new TempFolder();
        var packages = Directory.CreateDirectory(folder.File("packages")).FullName;
        PackedArtifacts.Dotnet(RepositoryPaths.Root, "pack", "onnx", "-c", "Release", "--no-build", "--no-restore", "-o", packages);
        var onnx = folder.File("detector.onnx");
        Assert.Equal(0, CliTests.Run("export", "--checkpoint", model.Checkpoint, "--format", "onnx", "--out", onnx).Code);
        var input = folder.Write("new.csv", TabularModelFixture.Table(rows: 40, seed: 2, scale: 1, columns: ["a", "b", "c", "d", "label"])
            + TabularModelFixture.Table(rows: 10, seed: 3, scale: 10, columns: ["a", "b", "c", "d", "label"]).Split('\n', 2)[1]);
        var scored = CliTests.Run("score", "--checkpoint", model.Checkpoint, "--input", input, "--out", folder.File("torch.csv"));
        Assert.True(scored.Code == 0, scored.Errors);

        var app = Directory.CreateDirectory(folder.File("app")).FullName;
        // Empty build files stop MSBuild from importing the repository's Directory.*.props above the temporary folder.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageId}" Version="{PackedArtifacts.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), Program);
        // The packed folder is the only source; the machine's NuGet cache is read (never written) for ONNX Runtime.
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{folder.File("restored")}" /></config>
              <packageSources><clear /><add key="packed" value="{packages}" /></packageSources>
              <fallbackPackageFolders><clear /><add key="cache" value="{RepositoryPaths.NuGetPackages}" /></fallbackPackageFolders>
            </configuration>
            """);

        PackedArtifacts.Dotnet(app, "restore");
        var run = PackedArtifacts.Dotnet(app, "run", "--no-restore", "-c", "Release", "--", onnx, input);

        // The table detector's default score (issue 22), carried by the ONNX file.
        Assert.Contains("score mse+centre threshold mean+3σ", run.Output, StringComparison.Ordinal);
        var expected = Rows(File.ReadAllLines(folder.File("torch.csv")).Skip(1));
        var actual = Rows(run.Output.Split('\n').Where(line => line.Length > 0 && char.IsDigit(line[0])));
        Assert.Equal(expected.Count, actual.Count);
        for (var row = 0; row < expected.Count; row++)
        {
            // Float32 layers summed in another order by each runtime, scores summed in float64: about 1e-6 relative.
            AssertClose.Relative(expected[row].Score, actual[row].Score, 1e-5, $"row {row}'s score");
        }

        Assert.Equal(expected.Select(row => row.Flag), actual.Select(row => row.Flag));
        Assert.Contains("1", actual.Select(row => row.Flag));
        // Nothing of TorchSharp or libtorch came with it.
        var output = Path.Combine(app, "bin", "Release", "net10.0");
        Assert.DoesNotContain(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories), file => Path.GetFileName(file).Contains("torch", StringComparison.OrdinalIgnoreCase));
        Assert.True(File.Exists(Path.Combine(output, "AutoencoderWorkbook.Onnx.dll")));
    }

    private static List<(double Score, string Flag)> Rows(IEnumerable<string> lines) =>
        [.. lines.Where(line => line.Length > 0).Select(line => line.Split(',')).Select(fields => (double.Parse(fields[1], CultureInfo.InvariantCulture), fields[2].Trim()))];
}
