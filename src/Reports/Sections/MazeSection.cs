using Runner.Reports.Model;
using Runner.Reports.Tables;

namespace Runner.Reports.Sections;

/// <summary>
/// Maze checks for maze specs: of the model's answers, the share in the right format, whose every
/// move is an edge of the maze, and that start and end at the right nodes; per selected round, over
/// the evaluated difficulties and the models, mean over seeds.
/// </summary>
public static class MazeSection
{
    static readonly string[] Checks = ["format_correct", "every_move_an_edge", "right_endpoints"];

    public static TableView? Build(ReportContext context)
    {
        var rows = new List<IReadOnlyList<Cell>>();
        for (int side = 0; side < context.Sides.Count; side++)
            foreach (var arm in context.Sides[side].Arms)
            {
                if (!arm.Runs.Any(r => r.Metrics.Any(m => Checks.Contains(m.Metric)))) continue;
                foreach (int round in ArmResults.Select(arm.EvaluatedRounds, context.Curves))
                {
                    var cells = new List<Cell> { new(context.SeriesName(arm.Name, side)), new(Numbers.Int(round), Numeric: true) };
                    foreach (string check in Checks)
                    {
                        var stats = arm.Over(r => r.Metrics.Where(m => m.Round == round && m.Metric == check && m.Difficulty is not null)
                            .Select(m => m.Value).DefaultIfEmpty(double.NaN).Average() is var v && !double.IsNaN(v) ? v : null);
                        cells.Add(new(Numbers.Fraction(stats?.Mean), Numeric: true));
                    }
                    cells.Add(new(Numbers.Int(arm.Seeds), Numeric: true));
                    rows.Add(cells);
                }
            }
        return rows.Count == 0 ? null : TableView.Export(context.Exports, new Table("maze-checks",
            "Maze checks: share of answers over the evaluated difficulties and models, mean over seeds",
            ["arm", "round", "format correct", "every move an edge", "right endpoints", "seeds"], rows));
    }
}
