namespace Runner.Core.Specs;

/// <summary>
/// An optional spec section the canonical YAML leaves out while it is null, instead of writing
/// "key: null": sections added after specs were recorded in ledgers, so those specs keep their hashes.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OmittedWhenAbsentAttribute : Attribute;
