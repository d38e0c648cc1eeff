using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Runner.Engine.Training;

/// <summary>
/// TorchSharp 0.107's AdamW (src/TorchSharp/Optimizers/AdamW.cs, step), op for op and number for
/// number, with every number it hands libtorch held as a Scalar across the call. TorchSharp's own
/// step converts about ten doubles a parameter to native Scalars each step, which only their
/// finalizers free and which nothing keeps alive during the native call (see
/// <see cref="Model.HeldScalars"/>): one reversal run here died 75 minutes in of that hazard. The
/// group's constants (betas, eps and their complements) live as long as the optimizer; the numbers
/// that change with the step or the learning rate are disposed right after the calls that read
/// them. The state (moments, step count), parameter groups, learning rates and the checkpoint
/// format are TorchSharp's, inherited unchanged. Plain AdamW only: amsgrad and maximize are refused.
/// </summary>
public sealed class HeldScalarAdamW : AdamW
{
    // Per group options: the Scalars built once from them, made on first use and freed with the optimizer.
    readonly Dictionary<Options, GroupScalars> constants = new(ReferenceEqualityComparer.Instance);

    public HeldScalarAdamW(IEnumerable<Parameter> parameters, double lr, double beta1, double beta2, double eps, double weightDecay)
        : base(parameters, lr, beta1, beta2, eps, weightDecay)
    {
    }

    /// <summary>Parameter groups whose unset options (weight decay among them) take the values given here.</summary>
    public HeldScalarAdamW(IEnumerable<ParamGroup> groups, double lr, double beta1, double beta2, double eps, double weightDecay)
        : base(groups, lr, beta1, beta2, eps, weightDecay)
    {
    }

    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var options = (Options)group.Options;
        if (options.amsgrad == true || options.maximize == true)
            throw new NotSupportedException("HeldScalarAdamW implements plain AdamW: amsgrad and maximize are not supported");
        double beta1 = options.beta1!.Value, beta2 = options.beta2!.Value, lr = options.LearningRate!.Value;
        var held = Constants(options);
        // 1 - lr * wd: the same double TorchSharp computes, as a Scalar of the same type.
        using var decay = (1 - lr * options.weight_decay!.Value).ToScalar();
        foreach (var param in group.Parameters)
        {
            var grad = param.grad;
            if (grad is null) continue;
            var state = (State)_state[param.Handle];
            state.step += 1;
            param.mul_(decay);
            double biasCorrection1 = 1 - Math.Pow(beta1, state.step);
            double biasCorrection2 = 1 - Math.Pow(beta2, state.step);
            state.exp_avg.mul_(held.Beta1).add_(grad, alpha: held.OneMinusBeta1);
            state.exp_avg_sq.mul_(held.Beta2).addcmul_(grad, grad, value: held.OneMinusBeta2);
            using var sqrtCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
            using var stepSize = (-(lr / biasCorrection1)).ToScalar();
            using var root = state.exp_avg_sq.sqrt();
            using var denominator = root.div(sqrtCorrection2).add_(held.Eps);
            param.addcdiv_(state.exp_avg, denominator, value: stepSize);
        }
    }, closure);

    GroupScalars Constants(Options options)
    {
        if (!constants.TryGetValue(options, out var held))
            constants[options] = held = new GroupScalars(options.beta1!.Value, options.beta2!.Value, options.eps!.Value);
        return held;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        foreach (var held in constants.Values) held.Dispose();
        constants.Clear();
    }

    /// <summary>A group's constant numbers as Scalars of the types TorchSharp's implicit conversions give (double).</summary>
    sealed class GroupScalars(double beta1, double beta2, double eps) : IDisposable
    {
        public readonly Scalar Beta1 = beta1.ToScalar(), OneMinusBeta1 = (1 - beta1).ToScalar();
        public readonly Scalar Beta2 = beta2.ToScalar(), OneMinusBeta2 = (1 - beta2).ToScalar();
        public readonly Scalar Eps = eps.ToScalar();

        public void Dispose()
        {
            foreach (var scalar in new[] { Beta1, OneMinusBeta1, Beta2, OneMinusBeta2, Eps }) scalar.Dispose();
        }
    }
}
