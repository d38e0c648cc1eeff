using TorchSharp;
using TorchSharp.Modules;
using F = TorchSharp.torch.nn.functional;
using static TorchSharp.torch;

namespace Runner.Engine.Model.Pretrained;

/// <summary>
/// A bias-free linear layer y = x Wᵀ with an optional LoRA adapter (<see cref="LoraSettings"/>).
/// With an adapter the base weight is frozen and only A and B train.
/// </summary>
public sealed class Projection : nn.Module<Tensor, Tensor>
{
    readonly Parameter weight;
    readonly Parameter? loraA, loraB;
    readonly Dropout? dropout;
    readonly Scalar? scale;

    public Projection(long inFeatures, long outFeatures, LoraSettings? lora) : base("projection")
    {
        weight = nn.Parameter(empty(outFeatures, inFeatures), requires_grad: lora is null);
        if (lora is not null)
        {
            loraA = nn.Parameter(empty(lora.Rank, inFeatures));
            loraB = nn.Parameter(zeros(outFeatures, lora.Rank));
            // PEFT's reset_lora_parameters: A as nn.Linear initialises its weight, B zero.
            using (no_grad()) nn.init.kaiming_uniform_(loraA, Math.Sqrt(5));
            if (lora.Dropout > 0) dropout = nn.Dropout(lora.Dropout);
            scale = lora.Scale.ToScalar();
        }
        RegisterComponents();
    }

    public Parameter Weight => weight;
    public Parameter? LoraA => loraA;
    public Parameter? LoraB => loraB;

    public override Tensor forward(Tensor x)
    {
        var y = F.linear(x, weight);
        if (loraA is null) return y;
        var adapted = F.linear(F.linear(dropout is null ? x : dropout.forward(x), loraA), loraB!);
        return y.add_(adapted.mul_(scale!));
    }
}
