namespace Runner.Tests.EndToEnd;

/// <summary>A spec small enough to train, label and evaluate in seconds: two arms, two rounds.</summary>
public static class TinySpec
{
    public const int Rounds = 2, LabelsPerRound = 48, EvalExamples = 16, D0Max = 4, Above = 2;

    public const string Yaml = """
        name: tiny
        task: {kind: reverse, d0: {min: 1, max: 4}}
        model: {layers: 1, heads: 2, d_model: 32, ffn: 64, context: 32}
        training:
          batch: 16
          peak_lr: 0.003
          round0: {warmup: 5, stable: 10, decay: 15}
          rounds: {warmup: 0, stable: 0, decay: 10}
        self_improve:
          rounds: 2
          labels_per_round: 48
          decode_batch: 20
        eval: {examples: 16, above: 2}
        seeds: [7]
        arms:
          - name: si
          - name: zero
            self_improve: {rounds: 0}
        """;

    /// <summary>Evaluated difficulties per round of the "si" arm: 1 .. largest trained + 1 + above.</summary>
    public static int EvaluatedDifficulties(int round) => D0Max + round + 1 + Above;
}
