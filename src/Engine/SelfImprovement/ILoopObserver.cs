using Runner.Core.Tasks;

namespace Runner.Engine.SelfImprovement;

/// <summary>What the loop tells the outside world as it goes: progress for a display, rounds for the ledger.</summary>
public interface ILoopObserver
{
    void PhaseStarted(int round, int steps) { }
    void StepCompleted(int round, int step, double loss, double learningRate) { }
    void Labelling(int round, IReadOnlyList<Difficulty> difficulties, int count) { }
    void Evaluating(int round, IReadOnlyList<Difficulty> difficulties) { }
    void RoundCompleted(RoundOutcome outcome) { }
}
