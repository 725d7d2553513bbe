namespace Autoencoders.Evaluation;

/// <summary>How the t-SNE starting layout is chosen.</summary>
public enum TsneInitialization
{
    /// <summary>The first two principal components, scaled so the first has standard deviation 1e-4 (deterministic).</summary>
    Pca,

    /// <summary>Gaussian noise with standard deviation 1e-4 from the seeded generator.</summary>
    Random,
}

/// <summary>
/// Settings of <see cref="Tsne"/>; the defaults are scikit-learn's (exact method).
/// </summary>
/// <param name="Perplexity">Effective number of neighbours each point's affinities are tuned to; must be below the number of points.</param>
/// <param name="Iterations">Total gradient-descent iterations, including the early-exaggeration phase.</param>
/// <param name="EarlyExaggeration">Factor on the affinities during the first <paramref name="ExaggerationIterations"/> iterations.</param>
/// <param name="ExaggerationIterations">Length of the early-exaggeration phase (momentum 0.5; afterwards 0.8).</param>
/// <param name="LearningRate">Step size; null means scikit-learn's "auto": max(n / EarlyExaggeration / 4, 50).</param>
/// <param name="Initialization">Starting layout.</param>
/// <param name="Seed">Seed of the random initialisation (the PCA start needs none).</param>
public sealed record TsneOptions(
    double Perplexity = 30,
    int Iterations = 1000,
    double EarlyExaggeration = 12,
    int ExaggerationIterations = 250,
    double? LearningRate = null,
    TsneInitialization Initialization = TsneInitialization.Pca,
    long Seed = 0);
