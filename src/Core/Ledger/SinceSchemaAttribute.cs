namespace Runner.Core.Ledger;

/// <summary>
/// Marks a column added in a later schema version. Files written before it lack the column; they
/// still read, the property keeping its default, so a committed ledger stays readable (and
/// `runner diff` across the change works) after an upgrade.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SinceSchemaAttribute(int version) : Attribute
{
    public int Version { get; } = version;
}
