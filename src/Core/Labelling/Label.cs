using Runner.Core.Tasks;

namespace Runner.Core.Labelling;

/// <summary>
/// A self-generated label: the output for a prompt the model(s) were asked to label, the decode
/// batch it came from (the paper's length filter compares within a batch), and whether it ended
/// with EOS before the length cap. With several models it is their most common output:
/// <see cref="Votes"/> of the <see cref="Voters"/> models wrote it, and <see cref="Tied"/> says
/// another output had as many votes (so there is no majority). <see cref="Confidence"/> is the
/// probability the models give the output (their mean), NaN until it is scored.
/// <see cref="BatchLongest"/> is the longest output of its decode batch in tokens written (EOS
/// included when written), over every output before any filter; -1 when not known (a label read
/// back from the ledger), and the batch length filter then takes it over the labels it is given.
/// </summary>
public sealed record Label(string Prompt, Difficulty Difficulty, string Output, bool Ended, int Batch,
    int Votes = 1, int Voters = 1, bool Tied = false, double Confidence = double.NaN, int BatchLongest = -1)
{
    /// <summary>The share of models that wrote this output.</summary>
    public double Agreement => (double)Votes / Voters;
}
