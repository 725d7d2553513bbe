using Autoencoders.Data;
using Autoencoders.Evaluation.Anomaly;
using Autoencoders.Models;
using Autoencoders.Training;

namespace Autoencoders.Pipeline;

/// <summary>
/// What a detector is unless told otherwise, by kind of data: the settings the benchmarks chose on data other than their
/// test splits. <see cref="ModelTraining.Train"/> and the train verb use them for every option left out.
/// </summary>
/// <param name="Kind">The kind of data.</param>
/// <param name="Description">One line naming the choice and where it comes from, as the train verb prints it.</param>
/// <param name="Model">The model (its input size aside).</param>
/// <param name="Training">How it is trained; for images its epochs give about <see cref="OneClassOptions.DefaultOptimizerSteps"/> optimiser steps (<see cref="EpochsFor"/>).</param>
/// <param name="Detector">The anomaly score and default threshold.</param>
/// <param name="ValidationFraction">The share of the training samples held out to validate.</param>
public sealed record DataKindDefaults(DataFormat Kind, string Description, ModelOptions Model, TrainingOptions Training, DetectorOptions Detector, double ValidationFraction)
{
    /// <summary>
    /// Epochs for <paramref name="trainingSamples"/> samples: images take the epochs that give about
    /// <see cref="OneClassOptions.DefaultOptimizerSteps"/> optimiser steps at this batch size (the one-class benchmark's rule);
    /// other kinds their fixed count.
    /// </summary>
    public int EpochsFor(long trainingSamples, int batchSize)
    {
        if (Kind != DataFormat.Images)
        {
            return Training.Epochs;
        }

        var batches = Math.Max(1, (int)Math.Ceiling((double)trainingSamples / Math.Max(1, batchSize)));
        return Math.Max(1, (int)Math.Round((double)OneClassOptions.DefaultOptimizerSteps / batches, MidpointRounding.AwayFromZero));
    }
}

/// <summary>The defaults of each kind of data (<see cref="DataKindDefaults"/>).</summary>
public static class DetectorDefaults
{
    /// <summary>The kind of data a data set name or path holds: a <c>.csv</c> file is a table, or a series when cut into windows; anything else images.</summary>
    public static DataFormat KindOf(string dataset, DatasetLoadOptions? options)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var csv = dataset.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
        return !csv ? DataFormat.Images : options?.Window is not null ? DataFormat.Windows : DataFormat.Table;
    }

    /// <summary>The defaults for <paramref name="data"/>.</summary>
    public static DataKindDefaults For(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var kind = data.Recipe?.Format ?? (data.SampleShape.Length == 1 ? DataFormat.Table : DataFormat.Images);
        return For(kind, data.SampleShape);
    }

    /// <summary>The defaults for samples of <paramref name="kind"/> shaped <paramref name="sampleShape"/>.</summary>
    public static DataKindDefaults For(DataFormat kind, IReadOnlyList<long> sampleShape)
    {
        ArgumentNullException.ThrowIfNull(sampleShape);
        return kind switch
        {
            DataFormat.Table => new(kind,
                $"table defaults (the tabular benchmark's choice): a {sampleShape[0]}-32-{Math.Min(TabularDefaults.LatentSize, sampleShape[0])} autoencoder, standard scaling, 50 epochs, score mse+centre",
                TabularDefaults.Model((int)sampleShape[0]), TabularDefaults.Training, DetectorOptions.ForTables, 0),
            DataFormat.Windows => new(kind,
                "time-series defaults (keras-io's): the sequence model (kernel 7, dropout 0.2, convolutional code), 50 epochs in batches of 128, score mse, threshold max",
                new ModelOptions(ModelKind.Sequence, KernelSize: 7, Dropout: 0.2, DenseCode: false),
                new TrainingOptions(Epochs: 50, BatchSize: 128, LearningRate: 1e-3, EarlyStopping: new EarlyStopping(Patience: 5, RestoreBestWeights: true)),
                DetectorOptions.ForSeries, 0.1),
            _ => Images(sampleShape),
        };
    }

    private static DataKindDefaults Images(IReadOnlyList<long> sampleShape)
    {
        var detector = DetectorOptions.ForImages(sampleShape);
        var convolutional = sampleShape.Count == 3 && sampleShape[1] >= 4 && sampleShape[2] >= 4;
        var model = convolutional ? OneClassOptions.DefaultModel : new ModelOptions(ModelKind.Dense, LatentSize: 32);
        return new(DataFormat.Images,
            $"image defaults (the one-class benchmark's choice): the {model.Kind.ToString().ToLowerInvariant()} model with a code of {model.LatentSize}, batches of 64, about {OneClassOptions.DefaultOptimizerSteps} optimiser steps, score {detector.Score}",
            model, OneClassOptions.DefaultTraining, detector, 0.1);
    }
}
