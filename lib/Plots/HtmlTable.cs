using System.Text;

namespace Autoencoders.Plots;

/// <summary>
/// The tables of <see cref="TextTable"/> as HTML, for front ends that show HTML (a notebook's output): the same
/// flattening and rounding, numbers right-aligned. Every cell and title is HTML-encoded, so text from data stays text.
/// </summary>
public static class HtmlTable
{
    /// <summary>One row per public property of <paramref name="record"/> (nested ones flattened): name, value.</summary>
    /// <param name="record">Any object, e.g. <c>report.Metrics</c> or an anonymous <c>new { … }</c>.</param>
    /// <param name="digits">Significant digits of floating-point values.</param>
    public static string Fields(object record, int digits = 4) => Render(TextTable.FieldCells(record, digits));

    /// <summary>One row per item of <paramref name="rows"/>, one column per public property (nested ones flattened).</summary>
    /// <param name="rows">Items of one type.</param>
    /// <param name="rowNames">Optional first column naming each row (as many names as rows).</param>
    /// <param name="digits">Significant digits of floating-point values.</param>
    public static string Rows<T>(IEnumerable<T> rows, IReadOnlyList<string>? rowNames = null, int digits = 4) => Render(TextTable.RowCells(rows, rowNames, digits));

    private static string Render(TextTable.Table table)
    {
        var numeric = table.Header.Select((_, column) => table.IsNumeric(column)).ToArray();
        string Align(int column) => numeric[column] ? " style=\"text-align: right\"" : " style=\"text-align: left\"";
        var html = new StringBuilder("<table class=\"autoencoders-table\"><thead><tr>");
        for (var column = 0; column < table.Header.Count; column++)
        {
            html.Append("<th").Append(Align(column)).Append('>').Append(ChartHtml.Encode(table.Header[column])).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var line in table.Lines)
        {
            html.Append("<tr>");
            for (var column = 0; column < line.Length; column++)
            {
                html.Append("<td").Append(Align(column)).Append('>').Append(ChartHtml.Encode(line[column].Text)).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }
}
