using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Autoencoders.Data.Images;
using Autoencoders.Onnx;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Onnx;

/// <summary>
/// docs/demo/: the page opens from disk in headless Chromium, runs the detector in onnxruntime-web (WebAssembly) and shows
/// the score that 'score' gives the same digit with the checkpoint the detector was exported from.
/// </summary>
public sealed partial class BrowserDemoTests : IDisposable
{
    private static readonly string Demo = Path.Combine(RepositoryPaths.Root, "docs", "demo");

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [ChromiumFact]
    public void The_page_shows_for_a_picked_digit_the_score_and_flag_that_the_score_verb_gives_it()
    {
        // A detector of this run: a conv model with a 2-value code, one epoch on the embedded digits, scored by mse as the
        // page's committed detector is (an ssim+latent detector scores differently in onnxruntime-web 1.30: docs/onnx.md).
        var checkpoint = _folder.File("train");
        var train = CliTests.Run("train", "--dataset", "digits", "--model", "conv", "--latent", "2", "--epochs", "1", "--score", "mse", "--threads", "1", "--out", checkpoint);
        Assert.True(train.Code == 0, train.Errors);
        var onnx = _folder.File("digits.onnx");
        Assert.Equal(0, CliTests.Run("export", "--checkpoint", checkpoint, "--format", "onnx", "--out", onnx).Code);
        var page = CopyPage(onnx);
        const int Digit = 5;

        var (pageScore, pageFlag) = ScoreOnPage(page, Digit);

        var image = _folder.File("digit.png");
        File.WriteAllBytes(image, ImageFiles.EncodePng(DigitPixels(Digit), 28, 28));
        var scored = CliTests.Run("score", "--checkpoint", checkpoint, "--input", image, "--out", _folder.File("scores.csv"));
        Assert.True(scored.Code == 0, scored.Errors);
        var fields = File.ReadAllLines(_folder.File("scores.csv"))[1].Split(',');
        // libtorch and WebAssembly sum the float32 layers in other orders; the score is a float64 mean of 784 squares.
        AssertClose.Relative(double.Parse(fields[1], CultureInfo.InvariantCulture), pageScore, 1e-5, "the page's score against the score verb's");
        Assert.Equal(fields[2] == "1", pageFlag);
    }

    [ChromiumFact]
    public void The_committed_page_opens_from_disk_and_scores_a_digit_as_ONNX_Runtime_in_NET_scores_it()
    {
        var (pageScore, _) = ScoreOnPage(Path.Combine(Demo, "index.html"), 12);

        var committed = _folder.File("committed.onnx");
        File.WriteAllBytes(committed, Convert.FromBase64String(ScriptString(Path.Combine(Demo, "detector.js"), "DEMO_DETECTOR")));
        using var detector = OnnxDetector.Load(committed, threads: 1);
        var result = detector.Score([.. DigitPixels(12).Select(value => value / 255f)], 1);
        AssertClose.Relative(result.Scores[0], pageScore, 1e-5, "the page's score against ONNX Runtime's in .NET");
    }

    // The page's files with the detector replaced, in a temporary folder.
    private string CopyPage(string onnx)
    {
        var copy = Directory.CreateDirectory(_folder.File("demo")).FullName;
        foreach (var file in Directory.EnumerateFiles(Demo, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(Demo, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        using var detector = OnnxDetector.Load(onnx);
        var description = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["score"] = detector.Description.Score,
            ["threshold"] = new Dictionary<string, object> { ["name"] = detector.Description.ThresholdName, ["value"] = detector.Description.Threshold },
        });
        File.WriteAllText(Path.Combine(copy, "detector.js"),
            $"window.DEMO_DESCRIPTION={description};\nwindow.DEMO_DETECTOR=\"{Convert.ToBase64String(File.ReadAllBytes(onnx))}\";\n", Encoding.UTF8);
        return Path.Combine(copy, "index.html");
    }

    private static (double Score, bool Anomaly) ScoreOnPage(string page, int digit)
    {
        // Compiling 14 MB of WebAssembly runs beside the page's virtual clock; on a machine busy with other work the budget
        // can run out first. A longer budget is a fresh load of the same page, and every assertion below still holds.
        var dom = "";
        foreach (var budget in new[] { 10_000, 30_000, 90_000 })
        {
            dom = HeadlessChromium.DumpDom(page, $"?digit={digit}", budget);
            if (dom.Contains("<body data-state=\"scored\">", StringComparison.Ordinal))
            {
                break;
            }
        }


        Assert.True(dom.Contains("<body data-state=\"scored\">", StringComparison.Ordinal),
            $"the page did not finish scoring: {StatusLine().Match(dom).Value} {BodyState().Match(dom).Value}");
        var score = ScoreOutput().Match(dom);
        Assert.True(score.Success, dom);
        var verdict = VerdictOutput().Match(dom);
        Assert.True(verdict.Success, dom);
        return (double.Parse(score.Groups[1].Value, CultureInfo.InvariantCulture), verdict.Groups[1].Value == "anomaly");
    }

    private static byte[] DigitPixels(int digit) =>
        Convert.FromBase64String(PixelsField().Match(File.ReadAllText(Path.Combine(Demo, "digits.js"))).Groups[1].Value).AsSpan(digit * 784, 784).ToArray();

    private static string ScriptString(string path, string name) =>
        Regex.Match(File.ReadAllText(path), $"window\\.{name}=\"([^\"]*)\"").Groups[1].Value;

    [GeneratedRegex("<output id=\"score\" data-score=\"([^\"]+)\"")]
    private static partial Regex ScoreOutput();

    [GeneratedRegex("<output id=\"verdict\" class=\"(anomaly|normal)\"")]
    private static partial Regex VerdictOutput();

    [GeneratedRegex("<p id=\"status\">[^<]*</p>")]
    private static partial Regex StatusLine();

    [GeneratedRegex("<body data-state=\"[a-z]*\">")]
    private static partial Regex BodyState();

    [GeneratedRegex("pixels:\"([^\"]+)\"")]
    private static partial Regex PixelsField();
}
