using System.Text.Json;
using Plotly.NET;

namespace Autoencoders.Tests.Plots;

/// <summary>A chart's plotly.js figure (data and layout), parsed, for asserting what a chart contains.</summary>
internal sealed class ChartJson
{
    private ChartJson(JsonElement root) => Root = root;

    public JsonElement Root { get; }

    public JsonElement[] Traces => [.. Root.GetProperty("data").EnumerateArray()];

    public JsonElement Layout => Root.GetProperty("layout");

    public string[] TraceNames => [.. Traces.Select(trace => trace.GetProperty("name").GetString()!)];

    public string[] TraceTypes => [.. Traces.Select(trace => trace.GetProperty("type").GetString()!)];

    public string Title => Layout.GetProperty("title").GetProperty("text").GetString()!;

    public static ChartJson Of(GenericChart chart) => new(JsonDocument.Parse(GenericChart.toJson(chart)).RootElement.Clone());
}
