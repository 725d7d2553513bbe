namespace Autoencoders.Tests.Support;

/// <summary>
/// Text a data file from someone else could hold in a column name, a label or a file name: markup that would run a
/// script if written into a page raw, a script element's end tag, a plotly.js template field and a template-engine
/// expression. Every payload that runs sets the document's title to <see cref="Marker"/>.
/// </summary>
internal static class HostileText
{
    public const string Marker = "pwned";

    public const string Image = "<img src=x onerror=\"document.title='pwned'\">";

    public const string EndOfScript = "</script><script>document.title='pwned'</script>";

    public const string Template = "%{meta.pwned}";

    public const string Braces = "{{7*7}}";

    /// <summary>Markup plotly.js itself would draw (bold, an entity): harmless, but not the text as written.</summary>
    public const string PlotlyMarkup = "<b>bold</b>&amp;";

    /// <summary>All of them in one string, with an entity that must stay the five characters it is.</summary>
    public const string All = "a" + Image + EndOfScript + Template + Braces + PlotlyMarkup;

    public static readonly string[] Each = [Image, EndOfScript, Template, Braces, PlotlyMarkup];

    /// <summary>Pieces that must never appear raw where a browser or plotly.js reads markup or templates.</summary>
    public static readonly string[] RawPieces = ["<img", "<script", "</script", "%{meta", "{{", "<b>"];

    /// <summary>
    /// The same for a whole page, which holds script elements of its own; its own images have a source of their own; braces are plain text in HTML (they matter
    /// only inside a chart's figure, which <see cref="RawPieces"/> covers).
    /// </summary>
    public static readonly string[] RawPiecesInPages = ["<img src=x", "</script><script>"];
}
