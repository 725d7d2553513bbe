namespace Autoencoders.Plots;

/// <summary>
/// Plain text (a class name, a column name, a file name) made safe to place in a plotly.js text field: titles, axis
/// titles, tick labels and category values, legend names, hover text and templates, annotations. plotly.js reads a few
/// HTML tags and entities in all of these, and <c>%{…}</c> as a template field in hover templates and (for
/// <c>layout.meta</c>) in titles, names and annotations; after <see cref="Literal(string)"/> it shows the text as written.
/// </summary>
internal static class PlotText
{
    /// <summary>
    /// <paramref name="text"/> with <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as entities (so no tag or entity is read
    /// in it) and braces as <c>&amp;#123;</c>/<c>&amp;#125;</c> (so no <c>%{…}</c> is read as a template field).
    /// </summary>
    /// <remarks>
    /// Only the entities plotly.js decodes (3.x: <c>amp</c>, <c>lt</c>, <c>gt</c> and numeric ones): a general HTML
    /// encoder also writes <c>&amp;quot;</c> and <c>&amp;#39;</c>, and plotly.js shows the former as it is.
    /// </remarks>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("{", "&#123;", StringComparison.Ordinal)
            .Replace("}", "&#125;", StringComparison.Ordinal);
    }

    /// <summary><see cref="Literal(string)"/> of every text.</summary>
    public static string[] Literal(IEnumerable<string> texts) => [.. texts.Select(Literal)];

    /// <summary>
    /// The plain text a <see cref="Literal(string)"/> (or fixed) plotly.js text stands for, e.g. for a page's title element;
    /// tags such as <c>&lt;br&gt;</c> stay as they are.
    /// </summary>
    public static string Plain(string plotlyText) => System.Net.WebUtility.HtmlDecode(plotlyText);
}
