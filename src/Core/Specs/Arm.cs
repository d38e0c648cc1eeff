namespace Runner.Core.Specs;

/// <summary>One ablation arm: the base spec with the arm's overrides merged in. A spec without arms has one, "main".</summary>
public sealed record Arm(string Name, Spec Spec);
