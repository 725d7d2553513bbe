using Autoencoders.Plots;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Plots;

public sealed class HtmlTableTests
{
    private sealed record Row(string Name, double Auc, int Count);

    [Fact]
    public void Rows_lays_out_textTable_cells_as_html_numbers_right_aligned_text_left()
    {
        var html = HtmlTable.Rows([new Row("pca", 0.948912345, 3), new Row("knn", 0.95, 10)], rowNames: ["a", "b"]);

        Assert.Equal(
            "<table class=\"autoencoders-table\"><thead><tr><th style=\"text-align: left\"></th><th style=\"text-align: left\">Name</th>" +
            "<th style=\"text-align: right\">Auc</th><th style=\"text-align: right\">Count</th></tr></thead><tbody>" +
            "<tr><td style=\"text-align: left\">a</td><td style=\"text-align: left\">pca</td><td style=\"text-align: right\">0.9489</td><td style=\"text-align: right\">3</td></tr>" +
            "<tr><td style=\"text-align: left\">b</td><td style=\"text-align: left\">knn</td><td style=\"text-align: right\">0.95</td><td style=\"text-align: right\">10</td></tr>" +
            "</tbody></table>",
            html);
    }

    [Fact]
    public void Names_and_values_from_data_stay_text()
    {
        var html = HtmlTable.Rows([new Row(HostileText.All, 1, 1)], rowNames: [HostileText.Image]);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(HostileText.All), html, StringComparison.Ordinal);
    }
}
