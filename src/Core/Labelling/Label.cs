namespace Runner.Core.Labelling;

/// <summary>
/// A self-generated label: the model's output for a prompt it was asked to label, the decode
/// batch it came from (the paper's length filter compares within a batch), and whether it ended
/// with EOS before the length cap.
/// </summary>
public sealed record Label(string Prompt, int Difficulty, string Output, bool Ended, int Batch);
