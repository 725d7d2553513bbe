namespace Autoencoders.Tests.Docs;

/// <summary>
/// Every number the README and docs quote as a result comes from a results file that a command regenerates
/// (docs/results/*.json) and equals its value as printed, or is marked as one machine's measurement with its date and
/// CPU (see <see cref="DocumentedNumbers"/>; docs/decisions.md, "Numbers in the documentation").
/// </summary>
public sealed class DocumentedNumberTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in DocumentedNumbers.Files())
        {
            data.Add(file.Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_quoted_result_equals_its_results_file(string file)
    {
        var mismatches = DocumentedNumbers.Passages(file).Where(passage => passage.Kind == "numbers").Select(DocumentedNumbers.Mismatch).OfType<string>().ToList();

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_measurement_says_its_date_and_cpu(string file)
    {
        var undated = DocumentedNumbers.Passages(file).Where(passage => passage.Kind == "measured" && !DocumentedNumbers.SaysDateAndCpu(passage.Text)).ToList();

        Assert.True(undated.Count == 0, string.Join('\n', undated.Select(passage => $"{passage}: lines {passage.First}–{passage.Last} name no date (YYYY-MM-DD) or no CPU")));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_number_that_looks_like_a_result_is_marked(string file)
    {
        var unmarked = DocumentedNumbers.Unmarked(file).ToList();

        Assert.True(unmarked.Count == 0, $"{unmarked.Count} lines of {file} quote results without a marker:\n" +
            string.Join('\n', unmarked.Select(line => $"{file}:{line.Line}: {(line.Text.Length > 140 ? line.Text[..140] + "…" : line.Text)}")));
    }

    [Fact]
    public void A_number_is_printed_as_its_value_rounded_to_its_decimals()
    {
        Assert.True(DocumentedNumbers.Prints("0.00925", 0.009248441794565432));
        Assert.True(DocumentedNumbers.Prints("95.0", 94.95));
        Assert.True(DocumentedNumbers.Prints("1,831", 1831));
        Assert.False(DocumentedNumbers.Prints("0.899", 0.8984599845081083));
        Assert.False(DocumentedNumbers.Prints("0.00931", 0.009248441794565432));
    }
}
