using System.Text.Json.Serialization;
using Autoencoders.Data.Preprocessing;

namespace Autoencoders.Data;

/// <summary>How <see cref="Datasets.Load(string, DatasetLoadOptions?)"/> reads, shapes, splits and scales a data set.</summary>
public sealed record DatasetLoadOptions
{
    /// <summary>The defaults: images as <c>(n, 1, height, width)</c>, split seed 0, CSV rows min-max scaled, windows standardised.</summary>
    public static DatasetLoadOptions Default { get; } = new();

    /// <summary>When true, images come as rows of <c>height * width</c> values: <c>(n, height * width)</c>.</summary>
    public bool Flatten { get; init; }

    /// <summary>
    /// Seeds the stratified train/test split of data sets that come without one (<c>digits</c>, a folder
    /// with a single images file, CSV files). The same seed gives the same split.
    /// </summary>
    public long SplitSeed { get; init; }

    /// <summary>
    /// Share of the samples that goes to the test split when a data set comes without one: at least 0 and below 1; 0
    /// (CSV files only) trains on every row, in the file's order, and leaves no test split.
    /// </summary>
    public double TestFraction { get; init; } = Datasets.TestFraction;

    /// <summary>For a <c>.csv</c> file: the column holding class labels (per-step labels for a time series), or null for none.</summary>
    public string? LabelColumn { get; init; }

    /// <summary>
    /// For a <c>.csv</c> file: the feature columns, in the order the model sees them; null takes every column but the
    /// label column, in file order.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// For a <c>.csv</c> file: the column of ISO-8601 date-times (<c>2014-04-01 00:05:00</c>) that names each row; it is
    /// kept for outputs and charts and never used as a feature. Null finds it: the first column is the timestamp column
    /// when its first value is a date-time. A time series (<see cref="Window"/>) must be in time order, each time once.
    /// </summary>
    public string? TimestampColumn { get; init; }

    /// <summary>For a <c>.csv</c> time series: cut the columns into windows of this many steps, <c>(n, Window, columns)</c>; null reads rows.</summary>
    public int? Window { get; init; }

    /// <summary>Steps between the starts of consecutive windows, at least 1.</summary>
    public int Stride { get; init; } = 1;

    /// <summary>
    /// For a <c>.csv</c> file: how features are scaled, fitted on the training split only; null takes
    /// <see cref="DefaultScaling"/> for the data's format.
    /// </summary>
    public ScalingKind? Scaling { get; init; }

    /// <summary>
    /// The scaling used when <see cref="Scaling"/> is null: standardised with the training statistics
    /// (<see cref="ScalingKind.Standard"/>), windows as keras-io's time-series example does and table rows as the tabular
    /// anomaly benchmark chose (docs/tabular-anomalies.md; PyOD's benchmark standardises too).
    /// </summary>
#pragma warning disable IDE0060 // One rule for every format today; the parameter keeps the call sites saying which format they ask for.
    public static ScalingKind DefaultScaling(DataFormat format) => ScalingKind.Standard;
#pragma warning restore IDE0060

    /// <summary>The scaling these options give data of <paramref name="format"/>: <see cref="Scaling"/>, else the format's default.</summary>
    public ScalingKind ScalingFor(DataFormat format) => Scaling ?? DefaultScaling(format);

    /// <summary>
    /// For a <c>.csv</c> file: a scaler fitted before (a trained model's, from its recipe) to apply instead of fitting a
    /// new one, so the data reach the model in the units it was trained on.
    /// </summary>
    [JsonIgnore]
    public ScalerState? FittedScaler { get; init; }

    /// <summary>Receives download progress when a data set has to be downloaded first (<c>mnist</c>, <c>fashion-mnist</c>).</summary>
    [JsonIgnore]
    public IProgress<Download.DownloadProgress>? DownloadProgress { get; init; }

    /// <summary>Throws a one-line <see cref="DataInputException"/> naming the first option out of range.</summary>
    public void Validate()
    {
        string? problem = this switch
        {
            { TestFraction: not (>= 0 and < 1) } => $"the test fraction must be at least 0 and below 1 (got {TestFraction})",
            { Window: < 1 } => $"the window must be at least 1 step (got {Window})",
            { Stride: < 1 } => $"the stride must be at least 1 step (got {Stride})",
            { LabelColumn.Length: 0 } => "the label column must be a column name, not empty",
            { TimestampColumn.Length: 0 } => "the timestamp column must be a column name, not empty",
            _ when TimestampColumn is not null && TimestampColumn == LabelColumn => $"'{TimestampColumn}' cannot be both the label column and the timestamp column",
            _ when TimestampColumn is not null && Columns?.Contains(TimestampColumn) == true => $"the timestamp column '{TimestampColumn}' cannot also be a feature column; leave it out of the columns",
            { Columns.Count: 0 } => "name at least one column, or none to take every column but the label",
            { Scaling: { } kind } when !Enum.IsDefined(kind) => $"unknown scaling {kind}",
            _ => null,
        };
        if (problem is not null)
        {
            throw new DataInputException(problem);
        }
    }
}
