using System.Globalization;
using Autoencoders.Data.Download;
using Spectre.Console;

namespace Autoencoders.Cli.Output;

/// <summary>Prints one line per downloaded file, when it is complete (a data set is downloaded once, then cached).</summary>
internal sealed class DownloadReporter(IAnsiConsole console) : IProgress<DownloadProgress>
{
    public void Report(DownloadProgress value)
    {
        if (value.BytesReceived == value.TotalBytes)
        {
            console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"downloaded {value.FileName} ({value.TotalBytes / 1e6:F1} MB, SHA-256 verified)")));
        }
    }
}
