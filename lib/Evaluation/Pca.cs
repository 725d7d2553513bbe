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
        var (_, _, vh) = linalg.svd(flat - mean, fullMatrices: false);
        return new Pca(mean, vh.narrow(0, 0, components).contiguous());
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
