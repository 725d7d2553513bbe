using System.ComponentModel;
using Autoencoders.Data;
using Autoencoders.Data.Preprocessing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Autoencoders.Cli.Commands;

/// <summary>The options that say how a verb's data set (its own --dataset) is read, shared by train and evaluate.</summary>
internal class DataSettings : ThreadSettings
{
    [CommandOption("--label-column <NAME>")]
    [Description("For a .csv file: the column that holds labels (not used as a feature).")]
    public string? LabelColumn { get; init; }

    [CommandOption("--timestamp-column <NAME>")]
    [Description("For a .csv file: the column of ISO-8601 date-times (e.g. 2014-04-01 00:05:00) that names the rows; kept in outputs, never a feature (default: the first column, when it holds date-times).")]
    public string? TimestampColumn { get; init; }

    [CommandOption("--scaling <KIND>")]
    [Description("For a .csv file: standard (z-scores), minmax ([[0, 1]]) or none, fitted on the training split (default: standard).")]
    public string? Scaling { get; init; }

    [CommandOption("--test-fraction <F>")]
    [Description("For a .csv file: the share of rows held out as the test split, at least 0 and below 1; 0 trains on every row (your file is the training data, new data are scored later) (default: 0.2).")]
    public double? TestFraction { get; init; }

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
        base.Validate() is { Successful: false } threadProblem ? threadProblem
        : Scaling is not null && ScalingKindOf(Scaling) is null ? ValidationResult.Error($"--scaling '{Scaling}' is not a scaling; use standard, minmax or none.")
        : OptionErrors.Check(() => LoadOptions.Validate());

    /// <summary>How these options read a data set.</summary>
    public DatasetLoadOptions LoadOptions => new()
    {
        LabelColumn = LabelColumn,
        TimestampColumn = TimestampColumn,
        Scaling = Scaling is null ? null : ScalingKindOf(Scaling),
        Window = Window,
        Stride = Stride,
        Columns = Columns?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        TestFraction = TestFraction ?? Datasets.DefaultTestFraction,
    };

    private static ScalingKind? ScalingKindOf(string text) => text.Trim().ToLowerInvariant() switch
    {
        "standard" => ScalingKind.Standard,
        "minmax" or "min-max" => ScalingKind.MinMax,
        "none" => ScalingKind.None,
        _ => null,
    };
}
