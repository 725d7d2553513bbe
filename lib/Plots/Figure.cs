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
        var chart = GenericChart.ofTraceObjects(true, traces.ToList());
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
