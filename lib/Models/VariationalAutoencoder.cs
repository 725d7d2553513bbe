using TorchSharp;
using static TorchSharp.torch;

namespace Autoencoders.Models;

/// <summary>
/// A variational autoencoder (Kingma &amp; Welling 2014) with dense layers, as in pytorch/examples: the encoder
/// gives the mean and log-variance of a Gaussian over codes, training samples a code with the
/// reparameterisation trick, and the loss adds β times the KL divergence from the standard normal prior.
/// <see cref="Encode"/> returns the mean, so codes are deterministic outside training.
/// </summary>
public sealed class VariationalAutoencoder : Autoencoder
{
    private readonly nn.Module<Tensor, Tensor> _body;
    private readonly nn.Module<Tensor, Tensor> _mean;
    private readonly nn.Module<Tensor, Tensor> _logVariance;
    private readonly nn.Module<Tensor, Tensor> _decoder;

    /// <summary>Builds the layers; initial weights come from the global torch seed.</summary>
    public VariationalAutoencoder(ModelOptions options, long[] inputShape)
        : base(nameof(VariationalAutoencoder), options, inputShape)
    {
        var hidden = options.EffectiveHiddenSizes;
        List<int> bodyWidths = [checked((int)InputSize), .. hidden];
        var last = bodyWidths[^1];
        _body = bodyWidths.Count > 1 ? Layers.DenseStack(bodyWidths, () => nn.ReLU(), nn.ReLU()) : nn.Identity();
        _mean = nn.Linear(last, LatentSize);
        _logVariance = nn.Linear(last, LatentSize);
        _decoder = Layers.DenseStack(Layers.DecoderWidths(InputSize, hidden, LatentSize), () => nn.ReLU(), Layers.OutputLayer(options.EffectiveOutput));
        RegisterComponents();
    }

    /// <summary>The modules the mean code and its decoding pass through (the ONNX export walks them).</summary>
    internal (nn.Module<Tensor, Tensor> Body, nn.Module<Tensor, Tensor> Mean, nn.Module<Tensor, Tensor> Decoder) Stages => (_body, _mean, _decoder);

    /// <summary>The mean and log-variance of the code distribution, each <c>(n, latent)</c>.</summary>
    public (Tensor Mean, Tensor LogVariance) EncodeDistribution(Tensor input)
    {
        using var scope = NewDisposeScope();
        var hidden = _body.forward(input.flatten(1));
        return (_mean.forward(hidden).MoveToOuterDisposeScope(), _logVariance.forward(hidden).MoveToOuterDisposeScope());
    }

    /// <summary>The mean code, <c>(n, latent)</c>.</summary>
    public override Tensor Encode(Tensor input)
    {
        var (mean, logVariance) = EncodeDistribution(input);
        logVariance.Dispose();
        return mean;
    }

    /// <inheritdoc/>
    public override Tensor Decode(Tensor code)
    {
        using var flat = _decoder.forward(code);
        return flat.view([-1, .. InputShape]);
    }

    /// <summary>A code drawn with the reparameterisation trick: <c>mean + exp(logVariance / 2) · ε</c>, ε ~ N(0, I).</summary>
    public static Tensor Reparameterize(Tensor mean, Tensor logVariance, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(logVariance);
        using var scope = NewDisposeScope();
        using var half = 0.5.ToScalar(); // held through the call: a Scalar only the native call uses can be collected mid-call
        var noise = randn(mean.shape, generator: generator);
        return (mean + (logVariance.mul(half).exp() * noise)).MoveToOuterDisposeScope();
    }

    /// <summary>Decodes <paramref name="count"/> codes drawn from the prior N(0, I).</summary>
    public Tensor Sample(int count, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return Decode(randn([count, LatentSize], generator: generator)).MoveToOuterDisposeScope();
    }

    /// <summary>Samples a code, decodes it, and returns β·KL as the penalty (see <see cref="KlDivergence"/>).</summary>
    public override TrainingOutput ForwardForTraining(Tensor input, Generator? generator = null)
    {
        var (mean, logVariance) = EncodeDistribution(input);
        var code = Reparameterize(mean, logVariance, generator);
        using var beta = Options.Beta.ToScalar();
        var penalty = KlDivergence(mean, logVariance, InputSize).mul(beta);
        return new TrainingOutput(Decode(code), penalty);
    }

    /// <summary>
    /// KL divergence of N(mean, exp(logVariance)) from N(0, I), summed over the code, averaged over the batch and
    /// divided by <paramref name="featuresPerSample"/>, so that it is on the per-element scale of the reconstruction
    /// loss it is added to: a scalar.
    /// </summary>
    public static Tensor KlDivergence(Tensor mean, Tensor logVariance, long featuresPerSample)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(logVariance);
        using var scope = NewDisposeScope();
        using var one = 1.ToScalar();
        using var two = 2.ToScalar();
        using var minusHalf = (-0.5).ToScalar();
        using var features = featuresPerSample.ToScalar();
        // Kingma & Welling, Auto-Encoding Variational Bayes (2014), Appendix B: -½ Σ (1 + log σ² − μ² − σ²).
        var perSample = (logVariance.add(one) - mean.pow(two) - logVariance.exp()).sum([1]).mul(minusHalf);
        return perSample.mean().div(features).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
            _mean.Dispose();
            _logVariance.Dispose();
            _decoder.Dispose();
        }

        base.Dispose(disposing);
    }
}
