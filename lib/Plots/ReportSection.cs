using System.Text;
using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>A table in a report: a header row and rows of cells (plain text, HTML-escaped).</summary>
/// <param name="Header">Column names.</param>
/// <param name="Rows">Cells, row by row.</param>
public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>One section of an HTML report (see <see cref="ChartHtml.SaveReport"/>).</summary>
/// <param name="Heading">The section's heading.</param>
/// <param name="Text">
/// Plain text, lightly formatted: blank lines separate paragraphs, lines starting with "- " form a list and
/// `backticks` mark code. Everything is HTML-escaped.
/// </param>
/// <param name="Tables">Tables shown after the text.</param>
/// <param name="Charts">Charts shown after the tables.</param>
public sealed record ReportSection(string Heading, string? Text = null, IReadOnlyList<ReportTable>? Tables = null, IReadOnlyList<GenericChart>? Charts = null)
{
    internal string ToHtml(Func<GenericChart, string> chartHtml)
    {
        var html = new StringBuilder();
        html.Append("<section>\n<h2>").Append(ChartHtml.Encode(Heading)).AppendLine("</h2>");
        foreach (var block in (Text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var lines = block.Split('\n', StringSplitOptions.TrimEntries);
            if (lines.All(line => line.StartsWith("- ", StringComparison.Ordinal)))
            {
                html.Append("<ul>").AppendJoin("", lines.Select(line => $"<li>{Inline(line[2..])}</li>")).AppendLine("</ul>");
            }
            else
            {
                html.Append("<p>").Append(Inline(string.Join(' ', lines))).AppendLine("</p>");
            }
        }

        foreach (var table in Tables ?? [])
        {
            html.Append("<table>\n<tr>").AppendJoin("", table.Header.Select(cell => $"<th>{ChartHtml.Encode(cell)}</th>")).AppendLine("</tr>");
            foreach (var row in table.Rows)
            {
                html.Append("<tr>").AppendJoin("", row.Select(cell => $"<td>{ChartHtml.Encode(cell)}</td>")).AppendLine("</tr>");
            }

            html.AppendLine("</table>");
        }

        foreach (var chart in Charts ?? [])
        {
            html.AppendLine(chartHtml(chart));
        }

        return html.AppendLine("</section>").ToString();
    }

    private static string Inline(string text)
    {
        var parts = ChartHtml.Encode(text).Split('`');
        var html = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            // Odd parts sit between backticks; an unmatched last backtick stays literal.
            html.Append(i % 2 == 1 && i < parts.Length - 1 ? $"<code>{parts[i]}</code>" : (i % 2 == 1 ? "`" + parts[i] : parts[i]));
        }

        return html.ToString();
    }
}
