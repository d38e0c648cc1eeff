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
    ScorecardSection.View Scorecard);

/// <summary>The index page when several specs are reported at once: one line per spec with its page.</summary>
public sealed record IndexPage(string Command, IReadOnlyList<IndexEntry> Specs);

public sealed record IndexEntry(string Name, string Description, string Link, int Arms, int Runs);
