using Runner.Core.Ledger;
using Runner.Core.Ledger.Diff;
using Runner.Reports.Model;
using Runner.Reports.Published;
using Runner.Reports.Sections;

namespace Runner.Reports;

/// <summary>
/// `runner report`: reads the ledger (on disk, or at each --rev), builds each spec's page with its
/// figures and tables, and writes them. Everything is checked and rendered in memory first: an
/// unknown spec, an empty ledger, an unknown revision or a broken template writes nothing.
/// </summary>
public static class ReportBuilder
{
    /// <summary>The folders written and their pages' paths: one per spec, then the index when there are several.</summary>
    public static IReadOnlyList<string> Write(ReportOptions options, CancellationToken ct = default)
    {
        var rendered = Render(options, ct);
        foreach (var (folder, exports) in rendered) exports.WriteTo(folder);
        return rendered.Select(r => Path.Combine(r.Folder, "index.html")).ToList();
    }

    /// <summary>Every file of the report, by folder, without writing any.</summary>
    public static IReadOnlyList<(string Folder, Exports Exports)> Render(ReportOptions options, CancellationToken ct = default)
    {
        if (options.Specs.Count == 0) throw new ReportException("name at least one spec to report");
        if (options.Curves < 2) throw new ReportException($"--curves must be 2 or more (got {options.Curves})");
        if (options.Paper && options.ColumnInches is < 1 or > 10 or double.NaN)
            throw new ReportException($"--column-width must be a column's width in inches, 1 to 10 (got {options.ColumnInches.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        var templates = new TemplateFiles(options.Templates);
        var sides = ReadSides(options, ct);
        var results = new List<(string Folder, Exports Exports)>();
        var entries = new List<IndexEntry>();
        foreach (string spec in options.Specs.Distinct())
        {
            var perSide = sides.Select(side => SpecResults.Of(spec, side)).ToList();
            foreach (var side in perSide)
                if (side.Arms.Count == 0)
                    throw new ReportException(NoSuchSpec(spec, side.Side, options.Ledger));
            var exports = new Exports(options.Paper ? Figures.FigureStyle.Paper(options.ColumnInches) : null);
            var page = BuildPage(spec, perSide, exports, options);
            exports.Add("index.html", templates.Render("page.html", "page", page));
            results.Add((options.SpecFolder(spec), exports));
            entries.Add(new IndexEntry(spec, page.Description, $"{Exports.Slug(spec)}/index.html", perSide[^1].Arms.Count, perSide[^1].Runs.Count()));
        }
        if (options.Specs.Distinct().Count() > 1)
        {
            var index = new Exports();
            index.Add("index.html", templates.Render("index.html", "index", new IndexPage(options.Command, entries)));
            results.Add((options.Out ?? "reports", index));
        }
        return results;
    }

    public static SpecPage BuildPage(string spec, IReadOnlyList<SpecResults> sides, Exports exports, ReportOptions options)
    {
        var context = new ReportContext(spec, sides, exports, options.Curves);
        var last = sides[^1];
        var notes = new List<string>();
        if (sides.SelectMany(s => s.Arms).All(a => a.Seeds == 1)) notes.Add("One seed per arm (n = 1): no spread over seeds in figures or tables.");
        foreach (var side in sides)
            foreach (var run in side.Runs.Where(r => r.Incomplete))
                notes.Add($"Run {run.RunId} ({side.Arms.First(a => a.Runs.Contains(run)).Name}, seed {run.Seed}{At(side, sides)}) is incomplete: " +
                    $"it has no runs row (its process died or is still training); its {run.Rounds.Count} recorded rounds are shown.");
        return new SpecPage(
            spec,
            last.Spec?.Description ?? "",
            options.Command,
            sides.Select(s => s.Side.Label).ToList(),
            notes,
            ProvenanceSection.Build(context),
            LabelQualitySection.Runs(context),
            AccuracySection.Build(context),
            HeatmapSection.Build(context),
            RoundLines.Frontier(context),
            RoundLines.Reach(context),
            RoundLines.D0MinAccuracy(context),
            LabelQualitySection.Build(context),
            SummarySection.Build(context),
            MazeSection.Build(context),
            RevisionsSection.Build(context),
            ScorecardSection.Build(context, PublishedFigure.Figure1),
            ComputeSection.Build(context),
            LabelEvidenceSection.Build(context),
            SeedAccuracySection.Build(context),
            ArmDifferencesSection.Build(context),
            DefinitionsSection.Build(context),
            [.. new[] { RoundLines.D0UnchangedSentence(context) }.OfType<string>()],
            TrainingCurveSection.Build(context),
            RescoreSection.Build(context));
    }

    static string At(SpecResults side, IReadOnlyList<SpecResults> sides) => sides.Count > 1 ? $", at {side.Side.Label}" : "";

    static IReadOnlyList<ReportSide> ReadSides(ReportOptions options, CancellationToken ct)
    {
        if (options.Revs.Count == 0)
        {
            var reader = new LedgerReader(options.Ledger);
            var snapshot = new LedgerSnapshot(null, null, SnapshotSource.WorkingTree,
                reader.ReadAsync<RunRow>(ct: ct).GetAwaiter().GetResult(),
                reader.ReadAsync<RoundRow>(ct: ct).GetAwaiter().GetResult(),
                reader.ReadAsync<EvaluationRow>(ct: ct).GetAwaiter().GetResult())
            {
                Metrics = reader.ReadAsync<MetricRow>(ct: ct).GetAwaiter().GetResult(),
            };
            if (snapshot.IsEmpty)
                throw new ReportException($"the ledger {options.Ledger} has no results (no rounds or evaluations){(Directory.Exists(options.Ledger) ? "" : ": no such folder")}");
            // The labels of the reported specs only: a ledger's labels are most of its rows.
            var labels = options.Specs.Distinct().SelectMany(spec => reader.ReadAsync<LabelRow>(spec, ct).GetAwaiter().GetResult()).ToList();
            var steps = options.Specs.Distinct().SelectMany(spec => reader.ReadAsync<StepRow>(spec, ct).GetAwaiter().GetResult()).ToList();
            var rescores = options.Specs.Distinct().SelectMany(spec => reader.ReadAsync<RescoreRow>(spec, ct).GetAwaiter().GetResult()).ToList();
            var files = options.Specs.SelectMany(spec => reader.Files<RunRow>(spec).Concat(reader.Files<RoundRow>(spec))
                    .Concat(reader.Files<EvaluationRow>(spec)).Concat(reader.Files<MetricRow>(spec)).Concat(reader.Files<LabelRow>(spec)).Concat(reader.Files<StepRow>(spec))
                    .Concat(reader.Files<RescoreRow>(spec)))
                .Select(f => Path.GetRelativePath(options.Ledger, f).Replace('\\', '/')).Distinct().Order(StringComparer.Ordinal).ToList();
            return [new ReportSide("working tree", snapshot, files) { Labels = labels, Steps = steps, Rescores = rescores }];
        }
        try
        {
            using var history = LedgerHistory.Open(options.Ledger);
            return options.Revs.Select(rev =>
            {
                var snapshot = history.AtRevisionAsync(rev, ct: ct).GetAwaiter().GetResult();
                if (snapshot.IsEmpty)
                    throw new ReportException($"no results at {snapshot.Label}: no ledger rows committed in its tree, and none tagged {snapshot.ShortSha} in {options.Ledger}");
                return new ReportSide(snapshot.Label, snapshot, []);
            }).ToList();
        }
        catch (RevisionException e)
        {
            throw new ReportException(e.Message);
        }
    }

    static string NoSuchSpec(string spec, ReportSide side, string ledger)
    {
        var specs = side.Snapshot.Rounds.Select(r => r.SpecName).Concat(side.Snapshot.Evaluations.Select(e => e.SpecName))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        string where = side.Snapshot.Source == SnapshotSource.WorkingTree ? $"the ledger {ledger}" : $"the ledger at {side.Label}";
        return $"no results for spec '{spec}' in {where} (it has: {string.Join(", ", specs)})";
    }
}
