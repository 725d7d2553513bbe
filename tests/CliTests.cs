using Autoencoders.Cli;
using Autoencoders.Tests.Support;
using Spectre.Console;

namespace Autoencoders.Tests;

public class CliTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("run", "--help")]
    [InlineData("doctor", "--help")]
    public void Help_exits_with_zero_and_names_the_verbs_options(params string[] args)
    {
        var (code, output, errors) = Run(args);

        Assert.Equal(0, code);
        Assert.Contains("USAGE", output, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("run", "--bogus")]
    [InlineData("run", "--epochs", "many")]
    [InlineData("run", "--epochs", "0")]
    [InlineData("no-such-verb")]
    public void A_bad_argument_exits_with_two_and_one_line_on_stderr(params string[] args)
    {
        var (code, _, errors) = Run(args);

        Assert.Equal(2, code);
        Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_prints_the_library_TorchSharp_and_libtorch_versions()
    {
        var (code, output, errors) = Run("--version");

        Assert.Equal(0, code);
        Assert.Empty(errors);
        // 0.5.0 is Directory.Build.props' <Version>; libtorch is torch.__version__ as TorchSharp 0.107.0 reports it.
        Assert.Equal(["autoencoders 0.5.0", "TorchSharp 0.107.0", "libtorch 2.10.0.0"],
            output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void The_main_job_writes_the_report_the_metrics_and_the_checkpoint()
    {
        using var folder = new TempFolder();

        var (code, output, errors) = Run("run", "--model", "dense", "--epochs", "1", "--out", folder.Path);

        Assert.True(code == 0, errors);
        var report = File.ReadAllText(folder.File("report.html"));
        foreach (var section in new[] { "Reconstruction quality", "The latent space", "Anomaly detection", "Plotly.newPlot" })
        {
            Assert.Contains(section, report, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script src", report, StringComparison.OrdinalIgnoreCase);
        using var metrics = System.Text.Json.JsonDocument.Parse(File.ReadAllText(folder.File("metrics.json")));
        Assert.InRange(metrics.RootElement.GetProperty("anomaly").GetProperty("report").GetProperty("auc").GetDouble(), 0, 1);
        Assert.True(File.Exists(Path.Combine(folder.Path, "checkpoint", "checkpoint.json")));
        Assert.Contains("Step 4/4", output, StringComparison.Ordinal);
        Assert.Contains("report.html", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_names_the_loaded_libtorch()
    {
        var (code, output, _) = Run("doctor");

        Assert.Equal(0, code);
        Assert.Contains("2.10.0", output, StringComparison.Ordinal);
    }

    internal static (int Code, string Output, string Errors) Run(params string[] args) => Run(CancellationToken.None, args);

    internal static (int Code, string Output, string Errors) Run(CancellationToken stop, params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var code = CliApp.Run(args, console, errors, stop);
        return (code, output.ToString(), errors.ToString());
    }
}
