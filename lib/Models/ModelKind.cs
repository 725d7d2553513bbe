namespace Autoencoders.Models;

/// <summary>The autoencoder variants of the classic tutorials.</summary>
public enum ModelKind
{
    /// <summary>One code layer: input → latent (linear) → input (sigmoid); the Keras blog's simplest model.</summary>
    Dense,

    /// <summary>Several dense layers each way, e.g. 128-64 around the code.</summary>
    Deep,

    /// <summary>Strided convolutions down, transposed convolutions up, a dense code in the middle. Images only.</summary>
    Conv,

    /// <summary>Dense layers without any activation: learns the same subspace as PCA.</summary>
    Linear,

    /// <summary>The dense model with a ReLU code and an L1 penalty on its activity (Keras blog).</summary>
    Sparse,

    /// <summary>The convolutional model trained to map noisy inputs to clean ones (noise on by default).</summary>
    Denoising,

    /// <summary>Variational: the encoder gives a mean and log-variance, the code is sampled, the loss adds β·KL.</summary>
    Vae,

    /// <summary>1-D convolutions over time-series windows <c>(n, length, channels)</c>.</summary>
    Sequence,
}
