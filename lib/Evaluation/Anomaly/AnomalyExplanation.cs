using Autoencoders.Data.Preprocessing;
using Autoencoders.Models;
using static TorchSharp.torch;

namespace Autoencoders.Evaluation.Anomaly;

/// <summary>One column of a row and how badly the model reconstructed it.</summary>
/// <param name="Column">The column's name, as the data file spells it (untrusted text: escape it before showing it in a page).</param>
/// <param name="Value">The row's value, in the data's units.</param>
/// <param name="Reconstruction">The model's reconstruction of it, in the data's units.</param>
/// <param name="Error">Squared error in the model's units (after scaling), where columns are comparable.</param>
/// <param name="Share">This column's part of the row's summed squared error, in [0, 1].</param>
public sealed record FeatureError(string Column, double Value, double Reconstruction, double Error, double Share);

/// <summary>A flagged (or high-scoring) row and the columns that explain its score.</summary>
/// <param name="Row">The row's number: its 0-based index among the data rows (the header excluded), or as given.</param>
/// <param name="Score">Its anomaly score.</param>
/// <param name="IsAnomaly">Its label when known: true for a labelled anomaly.</param>
/// <param name="ReconstructionError">Its mean squared reconstruction error in the model's units.</param>
/// <param name="WorstColumns">The columns with the largest errors, worst first.</param>
public sealed record ExplainedRow(long Row, double Score, bool? IsAnomaly, double ReconstructionError, IReadOnlyList<FeatureError> WorstColumns);

/// <summary>
/// Why a tabular row scores high: which of its columns the autoencoder reconstructed worst. The reconstruction error
/// is a sum over columns, so each column's squared error is its exact part of that sum.
/// </summary>
public static class AnomalyExplanation
{
    /// <summary>Each value's squared reconstruction error: rows <c>(n, features)</c> in the model's units → <c>(n, features)</c>, float64.</summary>
    /// <param name="model">A trained model over rows of features.</param>
    /// <param name="rows">Rows as the model takes them (scaled); not modified.</param>
    public static Tensor PerFeature(Autoencoder model, Tensor rows)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.RequireSamples(rows, nameof(rows));
        using var scope = NewDisposeScope();
        return BatchedInference.Map(model, rows, batch => (model.forward(batch) - batch).flatten(1).to_type(ScalarType.Float64).square())
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The <paramref name="count"/> rows with the highest <paramref name="scores"/>, each with its
    /// <paramref name="columnsPerRow"/> worst-reconstructed columns.
    /// </summary>
    /// <param name="model">A trained model over rows of features.</param>
    /// <param name="rows">Rows as the model takes them (scaled), <c>(n, features)</c>.</param>
    /// <param name="scores">One anomaly score per row (any score kind: the rows are ranked by it).</param>
    /// <param name="columns">The feature columns' names, one per feature.</param>
    /// <param name="count">How many rows to explain.</param>
    /// <param name="columnsPerRow">How many columns to name per row.</param>
    /// <param name="scaler">The scaler that made <paramref name="rows"/> from the data, to show values in the data's units; null shows them as given.</param>
    /// <param name="rowNumbers">Each row's number in the data file; null numbers them 0, 1, ….</param>
    /// <param name="isAnomaly">Each row's label, or null when unknown.</param>
    public static IReadOnlyList<ExplainedRow> WorstRows(Autoencoder model, Tensor rows, IReadOnlyList<double> scores, IReadOnlyList<string> columns,
        int count = 10, int columnsPerRow = 3, FeatureScaler? scaler = null, IReadOnlyList<long>? rowNumbers = null, IReadOnlyList<bool>? isAnomaly = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(columnsPerRow, 1);
        if (scores.Count != rows.shape[0] || (rowNumbers is not null && rowNumbers.Count != scores.Count) || (isAnomaly is not null && isAnomaly.Count != scores.Count))
        {
            throw new ArgumentException($"{rows.shape[0]} rows but {scores.Count} scores, {rowNumbers?.Count} row numbers and {isAnomaly?.Count} labels; give one of each per row");
        }

        if (columns.Count != rows.flatten(1).shape[1])
        {
            throw new ArgumentException($"{columns.Count} column names for rows of {rows.flatten(1).shape[1]} features", nameof(columns));
        }

        using var scope = NewDisposeScope();
        var chosen = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(count).ToArray();
        if (chosen.Length == 0)
        {
            return [];
        }

        var selected = rows.index_select(0, tensor(chosen.Select(i => (long)i).ToArray()));
        var errors = PerFeature(model, selected);
        var reconstruction = BatchedInference.Map(model, selected, model.forward);
        var values = scaler is null ? selected : scaler.InverseTransform(selected);
        var rebuilt = scaler is null ? reconstruction : scaler.InverseTransform(reconstruction);
        var errorRows = ToRows(errors);
        var valueRows = ToRows(values);
        var rebuiltRows = ToRows(rebuilt);
        return [.. chosen.Select((row, k) =>
        {
            var total = errorRows[k].Sum();
            var worst = Enumerable.Range(0, columns.Count).OrderByDescending(c => errorRows[k][c]).ThenBy(c => c).Take(columnsPerRow)
                .Select(c => new FeatureError(columns[c], valueRows[k][c], rebuiltRows[k][c], errorRows[k][c], total > 0 ? errorRows[k][c] / total : 0));
            return new ExplainedRow(rowNumbers?[row] ?? row, scores[row], isAnomaly?[row], total / columns.Count, [.. worst]);
        })];
    }

    private static double[][] ToRows(Tensor matrix)
    {
        var flat = matrix.flatten(1).to_type(ScalarType.Float64);
        var width = (int)flat.shape[1];
        var data = flat.data<double>().ToArray();
        return [.. Enumerable.Range(0, (int)flat.shape[0]).Select(r => data.AsSpan(r * width, width).ToArray())];
    }
}
