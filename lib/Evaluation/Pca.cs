using static TorchSharp.torch;

namespace Autoencoders.Evaluation;

/// <summary>
/// Principal component analysis, the classic linear baseline for an autoencoder: <see cref="Fit"/> learns the mean
/// and the top components from training data <c>(n, features)</c>; <see cref="Transform"/> gives codes
/// <c>(n, components)</c>; <see cref="InverseTransform"/> maps codes back. Inputs of any sample shape are flattened.
/// </summary>
public sealed class Pca : IDisposable
{
    private readonly Tensor _mean;
    private readonly Tensor _components;

    private Pca(Tensor mean, Tensor components)
    {
        _mean = mean.DetachFromDisposeScope();
        _components = components.DetachFromDisposeScope();
    }

    /// <summary>Number of components kept.</summary>
    public long Components => _components.shape[0];

    /// <summary>The principal axes, <c>(components, features)</c>, orthonormal rows, strongest first.</summary>
    public Tensor Axes => _components;

    /// <summary>Fits the mean and the top <paramref name="components"/> principal axes of <paramref name="data"/> (computed in float64).</summary>
    public static Pca Fit(Tensor data, int components)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        var flat = data.flatten(1).to_type(ScalarType.Float64);
        var limit = Math.Min(flat.shape[0], flat.shape[1]);
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        if (components > limit)
        {
            throw new ArgumentOutOfRangeException(nameof(components), components, $"at most min(samples, features) = {limit} components exist");
        }

        var mean = flat.mean([0]);
        var centered = flat - mean;
        // The eigenvectors of the (features × features) scatter matrix are the right singular vectors of the
        // centred data; for many samples this is far cheaper than an SVD of the data itself.
        var (_, eigenvectors) = linalg.eigh(centered.t().matmul(centered));
        var top = eigenvectors.flip(1).narrow(1, 0, components).t();
        return new Pca(mean, SignFixed(top).contiguous());
    }

    // Eigenvectors are defined up to sign; making each axis's largest-magnitude entry positive keeps results stable.
    private static Tensor SignFixed(Tensor axes)
    {
        var largest = axes.abs().argmax(1, keepdim: true);
        return axes * axes.gather(1, largest).sign();
    }

    /// <summary>Codes of <paramref name="data"/>: <c>(n, ...) -> (n, components)</c>, float32.</summary>
    public Tensor Transform(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        var centered = data.flatten(1).to_type(ScalarType.Float64) - _mean;
        return centered.matmul(_components.t()).to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Reconstructions from codes: <c>(n, components) -> (n, features)</c>, float32.</summary>
    public Tensor InverseTransform(Tensor codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        using var scope = NewDisposeScope();
        var flat = codes.to_type(ScalarType.Float64).matmul(_components) + _mean;
        return flat.to_type(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>Projects and reconstructs: the result has the input's shape.</summary>
    public Tensor Reconstruct(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        return InverseTransform(Transform(data)).view(data.shape).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _mean.Dispose();
        _components.Dispose();
    }
}
