namespace Autoencoders.Data.TimeSeries;

/// <summary>Which columns of a CSV file form the series and how to cut it into windows.</summary>
/// <param name="Columns">Numeric columns that become the channels, in this order.</param>
/// <param name="Length">Window length in steps (rows).</param>
/// <param name="Stride">Steps between window starts, at least 1.</param>
/// <param name="LabelColumn">Per-step label column (0 normal, other integers anomalous), or null.</param>
/// <param name="TimestampColumn">
/// The column of ISO-8601 date-times, or null to take the first column when its first value is one (see
/// <see cref="Timestamps"/>); the rows must then be in time order.
/// </param>
public sealed record TimeSeriesCsvOptions(IReadOnlyList<string> Columns, int Length, int Stride = 1, string? LabelColumn = null, string? TimestampColumn = null);
