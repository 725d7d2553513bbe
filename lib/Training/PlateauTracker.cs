namespace Autoencoders.Training;

/// <summary>Counts epochs since the monitored loss last improved by more than a minimum delta.</summary>
internal sealed class PlateauTracker(int patience, double minDelta)
{
    private double _best = double.PositiveInfinity;
    private int _epochsWithoutImprovement;

    /// <summary>Records an epoch's loss; true when <c>patience</c> epochs in a row brought no improvement.</summary>
    public bool ObserveAndCheckStalled(double loss)
    {
        if (loss < _best - minDelta)
        {
            _best = loss;
            _epochsWithoutImprovement = 0;
            return false;
        }

        _epochsWithoutImprovement++;
        return _epochsWithoutImprovement >= patience;
    }

    /// <summary>Starts counting again (after the learning rate was lowered).</summary>
    public void ResetCount() => _epochsWithoutImprovement = 0;
}
