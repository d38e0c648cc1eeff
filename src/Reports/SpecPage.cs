using Runner.Reports.Sections;

namespace Runner.Reports;

/// <summary>Everything one spec's page shows, as the templates see it (snake_case: page.label_quality.table).</summary>
public sealed record SpecPage(
    string Name,
    string Description,
    /// <summary>The command that regenerates this page from the ledger.</summary>
    string Command,
    IReadOnlyList<string> Revisions,
    /// <summary>What the page could not show, or shows with care (one seed, incomplete runs).</summary>
    IReadOnlyList<string> Notes,
    IReadOnlyList<ProvenanceSection.View> Provenance,
    TableView Runs,
    IReadOnlyList<FigureView> Accuracy,
    IReadOnlyList<FigureView> Heatmaps,
    FigureView? Frontier,
    FigureView? Reach,
    FigureView? D0MinAccuracy,
    LabelQualitySection.View LabelQuality,
    TableView Summary,
    TableView? Maze,
    IReadOnlyList<RevisionsSection.View> Diffs,
    ScorecardSection.View Scorecard,
    /// <summary>Every arm at equal compute: frontier (and reach) against cumulative steps, and every arm's final accuracy in one panel.</summary>
    ComputeSection.View Compute,
    /// <summary>Label errors on a log axis, kept fraction, confidence in right and wrong labels, and labels the filters got wrong.</summary>
    LabelEvidenceSection.View LabelEvidence,
    /// <summary>Accuracy per length, arm, seed and selected round (what `runner run` prints).</summary>
    TableView? SeedAccuracy,
    /// <summary>The keys of the arms' resolved specs that differ.</summary>
    TableView? ArmDifferences,
    IReadOnlyList<DefinitionsSection.Term> Definitions,
    /// <summary>What a figure left out would have shown, in a sentence (a lowest D0 accuracy that never moved).</summary>
    IReadOnlyList<string> FigureNotes,
    /// <summary>The training loss against cumulative steps, rounds marked; null for ledgers without a steps table.</summary>
    FigureView? TrainingLoss,
    /// <summary>Accuracy and answer entropy from `runner eval`; null when the ledger holds none.</summary>
    RescoreSection.View? Rescores);

/// <summary>The index page when several specs are reported at once: one line per spec with its page.</summary>
public sealed record IndexPage(string Command, IReadOnlyList<IndexEntry> Specs);

public sealed record IndexEntry(string Name, string Description, string Link, int Arms, int Runs);
