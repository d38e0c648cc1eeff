using Runner.Core.Tasks;

namespace Runner.Core.Ledger;

/// <summary>A difficulty in ledger columns: `difficulty` (the number, or digits of a) and `difficulty_b` (digits of b, null unless a pair).</summary>
public static class LedgerDifficulty
{
    public static Difficulty Of(int difficulty, int? difficultyB) => new(difficulty, difficultyB ?? 0);

    public static int? B(Difficulty difficulty) => difficulty.IsPair ? difficulty.B : null;
}
