using Runner.Core.Tasks;

namespace Runner.Core.Training;

/// <summary>The kept self-labelled examples of one round, and the difficulties they cover.</summary>
public sealed record LabelledSet(int Round, IReadOnlyList<Difficulty> Difficulties, IReadOnlyList<Example> Examples);
