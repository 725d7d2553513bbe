using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Autoencoders.Cli.Notebooks;

/// <summary>
/// Reads the HTML a .NET kernel displays as what a page can show: plain text. Nothing of the HTML reaches a page as
/// markup; an object's table (the kernel's "treeview" of a C# object) becomes aligned <c>field  value</c> lines, like
/// the library's own TextTable, and anything else its text content.
/// </summary>
internal static partial class HtmlOutputText
{
    /// <summary>True when <paramref name="html"/> draws a Plotly chart (as opposed to loading plotly.js or showing text).</summary>
    public static bool IsPlotlyChart(string html) =>
        html.Contains("Plotly chart will be drawn", StringComparison.Ordinal) || html.Contains("renderPlotly_", StringComparison.Ordinal);

    /// <summary>
    /// True for the kernel's own messages, which say nothing about the notebook: the packages it installed, the script
    /// that finds the output cell, the extensions it loaded.
    /// </summary>
    public static bool IsKernelMessage(string text) =>
        text.Contains("<strong>Installed Packages</strong>", StringComparison.Ordinal)
        || text.Contains("probeAddresses", StringComparison.Ordinal)
        || text.StartsWith("Loading extensions from ", StringComparison.Ordinal);

    /// <summary>The text of <paramref name="html"/>: an object's fields as aligned lines, else the text without tags.</summary>
    public static string ToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var visible = ScriptOrStyle().Replace(html, "");
        var fields = FieldRow().Matches(visible).Select(row => (Name: Text(row.Groups["name"].Value), Value: Text(row.Groups["value"].Value))).ToList();
        if (fields.Count > 0)
        {
            var width = Math.Max("field".Length, fields.Max(field => field.Name.Length));
            var valueWidth = Math.Max("value".Length, fields.Max(field => field.Value.Length));
            var lines = new StringBuilder().Append("field".PadRight(width)).Append("  value\n")
                .Append(new string('-', width)).Append("  ").Append(new string('-', valueWidth)).Append('\n');
            foreach (var (name, value) in fields)
            {
                lines.Append(name.PadRight(width)).Append("  ").Append(value).Append('\n');
            }

            return lines.ToString().TrimEnd('\n');
        }

        return Text(LineBreak().Replace(visible, "\n"));
    }

    // Tags removed, entities decoded, each line trimmed, runs of blank lines collapsed.
    private static string Text(string html)
    {
        var decoded = WebUtility.HtmlDecode(Tag().Replace(html, ""));
        var lines = decoded.ReplaceLineEndings("\n").Split('\n').Select(line => line.Trim());
        return BlankLines().Replace(string.Join('\n', lines), "\n\n").Trim('\n');
    }

    [GeneratedRegex("<(script|style)\\b.*?</\\1\\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    // One field of the kernel's table of an object: <tr><td>Name</td><td>…<pre>value</pre>…</td></tr>.
    [GeneratedRegex("<tr><td>(?<name>[^<]*)</td><td>(?<value>.*?)</td></tr>", RegexOptions.Singleline)]
    private static partial Regex FieldRow();

    [GeneratedRegex("<br\\s*/?>|</(p|div|tr|li|pre|h[1-6])>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreak();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("\n{3,}")]
    private static partial Regex BlankLines();
}
