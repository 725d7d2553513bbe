using System.ComponentModel;
using Autoencoders.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>The options that say how a verb's data set (its own --dataset) is read, shared by train and evaluate.</summary>
internal class DataSettings : ThreadSettings
{
    [CommandOption("--label-column <NAME>")]
    [Description("For a .csv file: the column that holds labels (not used as a feature).")]
    public string? LabelColumn { get; init; }

    [CommandOption("--window <N>")]
    [Description("For a .csv time series: cut the columns into windows of N steps (for --model sequence).")]
    public int? Window { get; init; }

    [CommandOption("--stride <N>")]
    [Description("Steps between the starts of consecutive windows.")]
    [DefaultValue(1)]
    public int Stride { get; init; } = 1;

    [CommandOption("--columns <NAMES>")]
    [Description("For --window: the columns that form the channels, e.g. temperature,pressure (default: all but the label column).")]
    public string? Columns { get; init; }

    public override ValidationResult Validate() =>
        base.Validate() is { Successful: false } threadProblem ? threadProblem : OptionErrors.Check(() => LoadOptions.Validate());

    /// <summary>How these options read a data set.</summary>
    public DatasetLoadOptions LoadOptions => new()
    {
        LabelColumn = LabelColumn,
        Window = Window,
        Stride = Stride,
        Columns = Columns?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
    };
}
