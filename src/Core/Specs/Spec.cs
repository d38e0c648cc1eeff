namespace Runner.Core.Specs;

// The spec, as YAML declares it. Keys are the snake_case of the property names
// (DModel -> d_model). Every default below is the paper's value where the paper has one;
// SpecValidator documents the allowed ranges. Immutable: arms are separate Spec instances.
// The YAML's top-level `arms:` list is not a property: SpecLoader merges each arm's overrides
// over the base mapping and binds the result to its own Spec (see Arm, LoadedSpec).

/// <summary>A whole experiment: one task, one model, one training recipe, run for every arm x seed.</summary>
public sealed record Spec
{
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public TaskSpec Task { get; init; } = new();
    public ModelSpec Model { get; init; } = new();
    public TrainingSpec Training { get; init; } = new();
    public SelfImproveSpec SelfImprove { get; init; } = new();
    public EvalSpec Eval { get; init; } = new();
    public IReadOnlyList<int> Seeds { get; init; } = [41];
    /// <summary>auto (cuda when available, else cpu), cpu or cuda.</summary>
    public string Device { get; init; } = "auto";
    /// <summary>
    /// CPU kernels: portable (pinned to paths every x64 CPU with AVX2 runs alike, and a fixed
    /// thread count, so the same spec and seed give the same ledger on any such machine) or fast
    /// (libtorch and MKL pick the fastest paths of this CPU: results repeat on this machine only).
    /// </summary>
    public string Numerics { get; init; } = "portable";
    /// <summary>On a GPU, let matmuls use TF32 tensor cores (fp32 range, 10-bit mantissa inputs, fp32 sums); no effect on the CPU.</summary>
    public bool Tf32 { get; init; } = true;
}

/// <summary>Which problems, and the easy set D0 (the paper's tasks).</summary>
public sealed record TaskSpec
{
    /// <summary>reverse_addition, copy, reverse, forward_addition, multiplication, maze_hops or maze_nodes.</summary>
    public string Kind { get; init; } = "";
    public RangeSpec D0 { get; init; } = new();
}

public sealed record RangeSpec
{
    public int Min { get; init; } = 1;
    public int Max { get; init; } = 10;
}

/// <summary>LLaMA-style decoder (the paper's model). Defaults are the paper's 14.2M-parameter shape.</summary>
public sealed record ModelSpec
{
    public int Layers { get; init; } = 6;
    public int Heads { get; init; } = 6;
    public int DModel { get; init; } = 384;
    public int Ffn { get; init; } = 1536;
    /// <summary>none (NoPE) is the method's; it is the only encoding implemented.</summary>
    public string PositionalEncoding { get; init; } = "none";
    /// <summary>Longest sequence (prompt + answer + specials) the model may see.</summary>
    public int Context { get; init; } = 1024;
    /// <summary>Start from a Hugging Face Llama checkpoint instead (the paper's section 7.3); null: train from scratch.</summary>
    [OmittedWhenAbsent]
    public PretrainedSpec? Pretrained { get; init; }
}

/// <summary>AdamW with a warmup-stable-decay schedule re-entered every round (the paper's training).</summary>
public sealed record TrainingSpec
{
    public int Batch { get; init; } = 1024;
    public double PeakLr { get; init; } = 5e-4;
    /// <summary>The cosine decay ends at this fraction of the phase's peak.</summary>
    public double FinalLrFraction { get; init; } = 0.01;
    public PhaseSpec Round0 { get; init; } = new() { Warmup = 1000, Stable = 7000, Decay = 2000 };
    public PhaseSpec Rounds { get; init; } = new() { Warmup = 0, Stable = 500, Decay = 500 };
    public AdamWSpec Adamw { get; init; } = new();
    public double GradClip { get; init; } = 1.0;
    /// <summary>Probability that an example is drawn from the newest round's labels.</summary>
    public double NewestRoundFraction { get; init; } = 0.5;
    /// <summary>fp32, or bf16 mixed precision (<see cref="PrecisionChecks"/>); training, labelling and evaluation alike.</summary>
    public string Precision { get; init; } = PrecisionChecks.Fp32;
}

/// <summary>One WSD phase: linear warmup, flat at peak, cosine decay, then steps held at the decayed rate.</summary>
public sealed record PhaseSpec
{
    public int Warmup { get; init; }
    public int Stable { get; init; }
    public int Decay { get; init; }
    /// <summary>Steps at the final rate after the decay: the paper's maze phases end with such a stretch.</summary>
    public int Floor { get; init; }
    /// <summary>Peak LR of this phase; null means training.peak_lr.</summary>
    public double? PeakLr { get; init; }
    public int Steps => Warmup + Stable + Decay + Floor;
}

public sealed record AdamWSpec
{
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.98;
    public double Eps { get; init; } = 1e-12;
    public double WeightDecay { get; init; } = 0.01;
    /// <summary>
    /// Whether norm weights decay too. true: every parameter decays, as in the paper's runs
    /// (transformers 4.48's Trainer spares only nn.LayerNorm modules and names with "bias"; the
    /// paper's Llama has RMSNorms and no biases). false: norm weights keep their values, the rule
    /// of later transformers releases (huggingface/transformers pull request 35927).
    /// </summary>
    public bool DecayNorms { get; init; } = true;
}

/// <summary>The rounds: which harder inputs to label, and which labels to keep (the paper's schedules and filters).</summary>
public sealed record SelfImproveSpec
{
    /// <summary>The most self-improvement rounds (the max-round stop rule).</summary>
    public int Rounds { get; init; } = 10;
    public int LabelsPerRound { get; init; } = 50000;
    /// <summary>round: labels_per_round in all, spread over the round's difficulties; difficulty: labels_per_round for each of them (the paper's multiplication and maze nodes).</summary>
    public string LabelsPer { get; init; } = "round";
    public ScheduleSpec Schedule { get; init; } = new();
    /// <summary>Applied in order; empty keeps every label that ended.</summary>
    public IReadOnlyList<FilterSpec> Filters { get; init; } = [];
    /// <summary>Corrupts some kept labels of one round (the error-avalanche study); null for none.</summary>
    public NoiseSpec? Noise { get; init; }
    public StopSpec Stop { get; init; } = new();
    /// <summary>Prompts decoded at once when labelling and evaluating.</summary>
    public int DecodeBatch { get; init; } = 512;
}

/// <summary>Which difficulties each round labels (the paper's schedules).</summary>
public sealed record ScheduleSpec
{
    /// <summary>uniform: the next step of the task's curriculum; accelerated: every next step the model already solves; explicit: the list below.</summary>
    public string Kind { get; init; } = "uniform";
    /// <summary>accelerated: a step is taken while its accuracy is at least this.</summary>
    public double Threshold { get; init; } = 0.99;
    /// <summary>accelerated: fresh inputs the accuracy is measured on, per difficulty.</summary>
    public int ProbeExamples { get; init; } = 2048;
    /// <summary>accelerated: true_labels (against the true answers, as the paper) or agreement (the share of inputs the majority vote keeps; no ground truth).</summary>
    public string Measure { get; init; } = "true_labels";
    /// <summary>accelerated: the most curriculum steps one round may take; null for no cap.</summary>
    public int? MaxSteps { get; init; }
    /// <summary>explicit: round r labels the r-th entry, a comma-separated list like "11" or "1x6,6x1".</summary>
    public IReadOnlyList<string> Difficulties { get; init; } = [];
}

public sealed record FilterSpec
{
    /// <summary>length, majority, confidence or oracle.</summary>
    public string Kind { get; init; } = "";
    /// <summary>length: expected (an answer length the task's format allows for the prompt) or batch (the paper's rule).</summary>
    public string Rule { get; init; } = "expected";
    /// <summary>length, batch rule: drop an output k or more tokens shorter than the longest in its batch.</summary>
    public int K { get; init; } = 1;
    /// <summary>majority: models with their own initialisation and data stream from the seed, each labelling every input.</summary>
    public int Models { get; init; } = 5;
    /// <summary>
    /// majority: the most common output is kept when it has at least threshold x models votes;
    /// confidence: a label is kept when the models give it at least this probability.
    /// </summary>
    public double Threshold { get; init; } = 0.7;
}

/// <summary>At one round, corrupt a fraction of the kept labels (the paper's error analysis).</summary>
public sealed record NoiseSpec
{
    public int Round { get; init; } = 1;
    public double Fraction { get; init; } = 0.1;
    /// <summary>A corruption kind: official-uniform, official-drop, official-perturb, official-drop-perturb (the official code's, on tokens), or digits-random, digits-drop, digits-perturb, digits-both (Runner's, on digits only).</summary>
    public string Kind { get; init; } = "digits-random";
}

/// <summary>When a run ends before its last round; the ledger records which rule stopped it.</summary>
public sealed record StopSpec
{
    /// <summary>Stop after the round that labels this difficulty ("60" or "10x10"); null for none.</summary>
    public string Target { get; init; } = "";
    /// <summary>Guard against an error avalanche; null for none.</summary>
    public AvalancheSpec? Avalanche { get; init; }
}

/// <summary>A round whose labels look collapsed is not trained on.</summary>
public sealed record AvalancheSpec
{
    /// <summary>Trip when the kept share of the round's labels falls below this.</summary>
    public double MinKeptFraction { get; init; }
    /// <summary>Trip when the mean share of models agreeing with the majority output falls below this (majority vote only).</summary>
    public double MinAgreement { get; init; }
    /// <summary>
    /// Trip when the models' mean confidence in the labels they kept (the probability they give
    /// each, no ground truth) falls below this: a guard one model can use.
    /// </summary>
    public double MinConfidence { get; init; }
    /// <summary>stop: end the run at the previous round; rollback: also discard the previous round, whose model labelled the collapsed round.</summary>
    public string Action { get; init; } = "stop";
}

/// <summary>
/// Exact-match evaluation on fresh inputs (the paper's evaluation), after every round, on the
/// difficulties from..end+above, where end is one past the longest trained difficulty.
/// </summary>
public sealed record EvalSpec
{
    public int Examples { get; init; } = 1024;
    /// <summary>First difficulty evaluated; null means task.d0.min, so the frontier is measured from the easiest problems.</summary>
    public int? From { get; init; }
    /// <summary>Slide the window's start with training: evaluate from end-below (the paper's evaluation windows); null starts at `from`.</summary>
    public int? Below { get; init; }
    /// <summary>How many difficulties past "end" are evaluated; 0 evaluates up to end, one past the largest trained (the paper's multiplication grids).</summary>
    public int Above { get; init; } = 4;
    /// <summary>Fixed last difficulty instead of end+above (to compare arms on one range).</summary>
    public int? To { get; init; }
    /// <summary>Evaluate every step-th difficulty from `from` (the paper's maze nodes use 3).</summary>
    public int Step { get; init; } = 1;
    /// <summary>Accuracy at or above which a difficulty counts as solved.</summary>
    public double Solved { get; init; } = 0.99;
}
