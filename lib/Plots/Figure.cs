using Plotly.NET;

namespace Autoencoders.Plots;

/// <summary>
/// Builds Plotly.NET charts from plain trace and layout attributes (plotly.js names), so that every chart states
/// exactly what ends up in its JSON and C# code needs no F# option types.
/// </summary>
internal static class Figure
{
    public static Trace Trace(string type, params (string Key, object? Value)[] attributes)
    {
        var trace = new Trace(type);
        foreach (var (key, value) in attributes)
        {
            if (value is not null)
            {
                trace.SetProperty(key, value);
            }
        }

        return trace;
    }

    public static GenericChart Chart(IEnumerable<Trace> traces, int width, int height, params (string Key, object? Value)[] layout)
    {
        // Without Plotly.NET's default template (plotly.js's own defaults apply): serialising that template made
        // every chart's JSON and HTML take about a second (Plotly.NET 6.0.0), for a look that differs only in colours.
        var chart = GenericChart.ofTraceObjects(false, traces.ToList());
        var attributes = new Layout();
        attributes.SetProperty("width", width);
        attributes.SetProperty("height", height);
        foreach (var (key, value) in layout)
        {
            if (value is not null)
            {
                attributes.SetProperty(key, value);
            }
        }

        return GenericChart.addLayout(attributes, chart);
    }

    public static object Title(string text) => new { text };

    public static object Axis(string title) => new { title = new { text = title } };
}
