namespace Runner.Core.Specs;

// The spec, as YAML declares it. Keys are the snake_case of the property names
// (DModel -> d_model). Every default below is METHOD.md's value where the paper has one;
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
}

/// <summary>Which problems, and the easy set D0 (METHOD.md section 4).</summary>
public sealed record TaskSpec
{
    /// <summary>reverse_addition, copy, reverse, forward_addition, maze_hops or maze_nodes.</summary>
    public string Kind { get; init; } = "";
    public RangeSpec D0 { get; init; } = new();
}

public sealed record RangeSpec
{
    public int Min { get; init; } = 1;
    public int Max { get; init; } = 10;
}

/// <summary>LLaMA-style decoder (METHOD.md section 2). Defaults are the paper's 14.2M-parameter shape.</summary>
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
}

/// <summary>AdamW with a warmup-stable-decay schedule re-entered every round (METHOD.md section 3).</summary>
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
}

/// <summary>One WSD phase: linear warmup, flat at peak, cosine decay.</summary>
public sealed record PhaseSpec
{
    public int Warmup { get; init; }
    public int Stable { get; init; }
    public int Decay { get; init; }
    /// <summary>Peak LR of this phase; null means training.peak_lr.</summary>
    public double? PeakLr { get; init; }
    public int Steps => Warmup + Stable + Decay;
}

public sealed record AdamWSpec
{
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.98;
    public double Eps { get; init; } = 1e-12;
    public double WeightDecay { get; init; } = 0.01;
}

/// <summary>The rounds: which harder inputs to label, and which labels to keep (METHOD.md sections 5 and 6).</summary>
public sealed record SelfImproveSpec
{
    public int Rounds { get; init; } = 10;
    public int LabelsPerRound { get; init; } = 50000;
    /// <summary>uniform: round r labels difficulty d0.max + r.</summary>
    public string Schedule { get; init; } = "uniform";
    /// <summary>Applied in order; empty keeps every label.</summary>
    public IReadOnlyList<FilterSpec> Filters { get; init; } = [];
    /// <summary>Prompts decoded at once when labelling and evaluating.</summary>
    public int DecodeBatch { get; init; } = 512;
}

public sealed record FilterSpec
{
    /// <summary>length (the only filter of this version).</summary>
    public string Kind { get; init; } = "";
    /// <summary>expected: the answer length the task's format fixes; batch: the paper's rule.</summary>
    public string Rule { get; init; } = "expected";
    /// <summary>batch rule: drop an output k or more tokens shorter than the longest in its batch.</summary>
    public int K { get; init; } = 1;
}

/// <summary>
/// Exact-match evaluation on fresh inputs (METHOD.md section 7), after every round, on the
/// difficulties from..end+above, where end is one past the longest trained difficulty.
/// </summary>
public sealed record EvalSpec
{
    public int Examples { get; init; } = 1024;
    /// <summary>First difficulty evaluated; null means task.d0.min, so the frontier is measured from the easiest problems.</summary>
    public int? From { get; init; }
    /// <summary>How many difficulties past "end" are evaluated.</summary>
    public int Above { get; init; } = 4;
    /// <summary>Fixed last difficulty instead of end+above (to compare arms on one range).</summary>
    public int? To { get; init; }
    /// <summary>Accuracy at or above which a difficulty counts as solved.</summary>
    public double Solved { get; init; } = 0.99;
}
