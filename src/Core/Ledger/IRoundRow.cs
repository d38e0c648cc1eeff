namespace Runner.Core.Ledger;

/// <summary>A row that belongs to one round of a run (rounds, evaluations, labels).</summary>
public interface IRoundRow
{
    int Round { get; }
}
