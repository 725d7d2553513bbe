using System.Security.Cryptography;
using Autoencoders.Data.Preprocessing;

namespace Autoencoders.Data;

/// <summary>What kind of samples a data set holds.</summary>
public enum DataFormat
{
    /// <summary>Images, <c>(n, 1, height, width)</c>, or flattened rows of pixels <c>(n, height * width)</c>; values in [0, 1].</summary>
    Images,

    /// <summary>Rows of a CSV table, <c>(n, features)</c>, scaled.</summary>
    Table,

    /// <summary>Windows cut from a CSV time series, <c>(n, window, channels)</c>, scaled per channel.</summary>
    Windows,
}

/// <summary>
/// Everything needed to turn raw input into what a model was trained on, and to load its training data again: where
/// the data came from, how it was read, split and shaped, and what the scaler learned from the training split.
/// Saved in every checkpoint, so a trained model applies the same preprocessing to new data (<c>score</c>,
/// <c>encode</c>, <c>reconstruct</c>) and is never re-fitted on them.
/// </summary>
/// <param name="Source">The data set's name (<c>digits</c>) or its path as given.</param>
/// <param name="SourcePath">The full path of a file or folder, or null for a built-in data set.</param>
/// <param name="SourceSha256">SHA-256 of a source file (CSV), to tell whether it changed since; null otherwise.</param>
/// <param name="Format">Images, table rows or time-series windows.</param>
/// <param name="SampleShape">Shape of one sample as the model takes it, e.g. <c>[1, 28, 28]</c>.</param>
/// <param name="Options">How the data were read, split and scaled (no progress reporter, no fitted scaler).</param>
/// <param name="Columns">Table: the feature columns in model order; windows: the channels; null for images.</param>
/// <param name="Scaler">The scaler fitted on the training split (CSV data), or null for data used as stored (images).</param>
/// <param name="ClassNames">Display names of the label values, or null.</param>
/// <param name="TimestampColumn">
/// The CSV file's timestamp column, as named or found when the data were read (never a feature; outputs keep it), or
/// null when there was none. Absent from checkpoints written before timestamps were read, which then mean none.
/// </param>
/// <param name="LeftOutColumns">
/// Table columns left out of the features because they rise or fall row after row (a row number or a time); new data
/// may hold them, and they are ignored. Null when none were.
/// </param>
public sealed record DataRecipe(
    string Source,
    string? SourcePath,
    string? SourceSha256,
    DataFormat Format,
    IReadOnlyList<long> SampleShape,
    DatasetLoadOptions Options,
    IReadOnlyList<string>? Columns,
    ScalerState? Scaler,
    IReadOnlyList<string>? ClassNames,
    string? TimestampColumn = null,
    IReadOnlyList<string>? LeftOutColumns = null)
{
    /// <summary>The load options that read the same data again with this recipe's fitted scaler (no new fit).</summary>
    public DatasetLoadOptions ReloadOptions => Options with
    {
        Columns = Columns ?? Options.Columns,
        TimestampColumn = TimestampColumn ?? Options.TimestampColumn,
        FittedScaler = Scaler,
        DownloadProgress = null,
    };

    /// <summary>Whether the source file still has the content it had when the recipe was made (true when there is nothing to compare).</summary>
    public bool SourceUnchanged => SourceSha256 is null || SourcePath is null || !File.Exists(SourcePath) || Sha256Of(SourcePath) == SourceSha256;

    /// <summary>The lower-case hex SHA-256 of a file.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
