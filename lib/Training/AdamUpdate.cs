using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Autoencoders.Training;

/// <summary>
/// Adam's parameter update (Kingma and Ba, as PyTorch computes it), applied to a TorchSharp <see cref="Adam"/>'s own
/// state, so that its saved state and its results stay what they were. TorchSharp's own step passes every constant to
/// libtorch as a temporary Scalar that nothing references during the call: a garbage collection started by another
/// thread at that moment (a notebook kernel's, a test host's) can free it while libtorch reads it, which ended
/// trainings in a notebook with "Expected false to be true" from Scalar::toDouble. Here every Scalar is held until the
/// calls that use it have returned.
/// </summary>
internal static class AdamUpdate
{
    /// <summary>One update of every parameter with a gradient; the same arithmetic, in the same order, as <see cref="Adam.step"/>.</summary>
    public static void Step(Adam optimizer)
    {
        using var noGrad = no_grad();
        var states = optimizer.state_dict().State;
        var index = 0;
        foreach (var group in optimizer.ParamGroups.Cast<ParamGroup>())
        {
            var options = (Adam.Options)group.Options;
            if (options.amsgrad == true || options.maximize == true)
            {
                throw new NotSupportedException("the trainer's Adam update does not implement amsgrad or maximize");
            }

            var beta1 = options.beta1!.Value;
            var beta2 = options.beta2!.Value;
            var eps = options.eps!.Value;
            var weightDecay = options.weight_decay!.Value;
            var learningRate = options.LearningRate!.Value;
            foreach (var parameter in group.Parameters)
            {
                var state = (Adam.State)states[index++];
                using var scope = NewDisposeScope();
                var grad = parameter.grad;
                if (grad is null)
                {
                    continue;
                }

                state.step += 1;
                var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
                var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
                using var decay = weightDecay.ToScalar();
                using var keep1 = beta1.ToScalar();
                using var take1 = (1 - beta1).ToScalar();
                using var keep2 = beta2.ToScalar();
                using var take2 = (1 - beta2).ToScalar();
                using var correction2 = Math.Sqrt(biasCorrection2).ToScalar();
                using var epsilon = eps.ToScalar();
                // add_(Scalar) would make its own alpha of 1 as a temporary Scalar, exposed to the same collection.
                using var one = 1.0.ToScalar();
                using var stepSize = (-(learningRate / biasCorrection1)).ToScalar();
                if (weightDecay != 0)
                {
                    grad = grad.add(parameter, decay);
                }

                state.exp_avg.mul_(keep1).add_(grad, take1);
                state.exp_avg_sq.mul_(keep2).addcmul_(grad, grad.conj(), take2);
                var denominator = state.exp_avg_sq.sqrt().div(correction2).add_(epsilon, one);
                parameter.addcdiv_(state.exp_avg, denominator, stepSize);
            }
        }
    }
}
