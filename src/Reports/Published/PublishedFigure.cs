using Runner.Core.Specs;
using Runner.Core.Tasks;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Runner.Reports.Published;

/// <summary>
/// The paper's published values (figure1.yaml, embedded): which experiments it shows, their points
/// per round, how its rounds map onto ours, and the model it used.
/// </summary>
public sealed record PublishedFigure
{
    public string Source { get; init; } = "";
    public PublishedModel Model { get; init; } = new();
    /// <summary>Per task kind: our round = the paper's round + offset.</summary>
    public Dictionary<string, int> RoundOffset { get; init; } = [];
    public List<PublishedPanel> Panels { get; init; } = [];

    /// <summary>The panel a spec reproduces: same task kind and D0; null when the paper shows none.</summary>
    public PublishedPanel? PanelFor(Spec spec) =>
        Panels.FirstOrDefault(p => p.Task == spec.Task.Kind && p.D0.Min == spec.Task.D0.Min && p.D0.Max == spec.Task.D0.Max);

    /// <summary>Whether the spec's model is the paper's; otherwise a comparison is of shape only.</summary>
    public bool SameModel(Spec spec) => spec.Model.Layers == Model.Layers && spec.Model.Heads == Model.Heads
        && spec.Model.DModel == Model.DModel && spec.Model.Ffn == Model.Ffn;

    public int OurRound(PublishedPanel panel, int paperRound) => paperRound + RoundOffset.GetValueOrDefault(panel.Task);

    public static PublishedFigure Figure1 { get; } = Load("figure1.yaml");

    static PublishedFigure Load(string name)
    {
        using var stream = typeof(PublishedFigure).Assembly.GetManifestResourceStream($"Runner.Reports.Published.{name}")
            ?? throw new InvalidOperationException($"Published values {name} are not embedded in {typeof(PublishedFigure).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
            .Deserialize<PublishedFigure>(reader);
    }
}

public sealed record PublishedModel
{
    public int Layers { get; init; }
    public int Heads { get; init; }
    public int DModel { get; init; }
    public int Ffn { get; init; }

    public override string ToString() => $"{Layers} layers, {Heads} heads, d_model {DModel}";
}

public sealed record PublishedRange
{
    public int Min { get; init; }
    public int Max { get; init; }
}

public sealed record PublishedPanel
{
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public string Task { get; init; } = "";
    public PublishedRange D0 { get; init; } = new();
    public List<PublishedCurve> Curves { get; init; } = [];
}

public sealed record PublishedCurve
{
    public int PaperRound { get; init; }
    public int TrainedUpTo { get; init; }
    public Dictionary<string, double> Points { get; init; } = [];

    /// <summary>The points by difficulty ("12" or "5x6"), in difficulty order.</summary>
    public IReadOnlyList<(Difficulty Difficulty, double Accuracy)> Values =>
        Points.Select(p => (Difficulty.Parse(p.Key), p.Value)).OrderBy(p => p.Item1).ToList();
}
