namespace Autoencoders.Data.Idx;

/// <summary>
/// The IDX files of one data set. Without <see cref="TestImages"/> the training images are split into training
/// and test samples. Labels are optional, but either every images file has its labels or none has.
/// </summary>
internal sealed record IdxFileSet(IdxSource TrainImages, IdxSource? TrainLabels, IdxSource? TestImages, IdxSource? TestLabels)
{
    public IReadOnlyList<IdxSource> ImageFiles => TestImages is null ? [TrainImages] : [TrainImages, TestImages];
}
