using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Runner.Reports;

/// <summary>
/// The page's Scriban templates: the ones embedded in this assembly (src/Reports/Templates), each
/// replaced by the file of the same name in the override folder when it has one, so a user can
/// change one part (figure.html) or the whole page (page.html).
/// </summary>
public sealed class TemplateFiles : ITemplateLoader
{
    const string Prefix = "Runner.Reports.Templates.";
    readonly string? overrideFolder;

    /// <param name="overrideFolder">null: the embedded templates only. Must exist otherwise.</param>
    public TemplateFiles(string? overrideFolder)
    {
        if (overrideFolder is not null && !Directory.Exists(overrideFolder))
            throw new ReportException($"--template {overrideFolder}: no such folder");
        this.overrideFolder = overrideFolder;
    }

    /// <summary>The embedded templates' names (page.html, figure.html, style.css, ...): what a folder may override.</summary>
    public static IReadOnlyList<string> Embedded => typeof(TemplateFiles).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..]).Order(StringComparer.Ordinal).ToList();

    /// <summary>Renders the named template with <paramref name="model"/> as the global <paramref name="variable"/>.</summary>
    public string Render(string name, string variable, object model)
    {
        var template = Parse(name);
        var globals = new ScriptObject { { variable, model } };
        var context = new TemplateContext
        {
            TemplateLoader = this,
            StrictVariables = true,
            LoopLimit = int.MaxValue,
            RecursiveLimit = 64,
            NewLine = "\n",
            // Scriban cuts a longer string short with "..." by default: an inline SVG of a long training curve is longer.
            LimitToString = 0,
        };
        context.PushGlobal(globals);
        try
        {
            return template.Render(context);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new ReportException($"template {e.Span.FileName}:{e.Span.Start.Line + 1}:{e.Span.Start.Column + 1}: {e.OriginalMessage}");
        }
    }

    Template Parse(string name)
    {
        var template = Template.Parse(Load(name), name);
        if (template.HasErrors)
        {
            var first = template.Messages.First(m => m.Type == ParserMessageType.Error);
            throw new ReportException($"template {Where(name)}:{first.Span.Start.Line + 1}:{first.Span.Start.Column + 1}: {first.Message}");
        }
        return template;
    }

    string Where(string name) => overrideFolder is not null && File.Exists(Path.Combine(overrideFolder, name))
        ? Path.Combine(overrideFolder, name) : name;

    string Load(string name)
    {
        if (overrideFolder is not null && Path.Combine(overrideFolder, name) is var file && File.Exists(file))
            return File.ReadAllText(file);
        using var stream = typeof(TemplateFiles).Assembly.GetManifestResourceStream(Prefix + name)
            ?? throw new ReportException($"no template '{name}' (the embedded ones: {string.Join(", ", Embedded)})");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => templateName;

    public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => Load(templatePath);

    public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) => new(Load(templatePath));
}

/// <summary>Bad input to a report (unknown spec, empty ledger, unknown revision, broken template): one line for the user, exit 2.</summary>
public sealed class ReportException(string message) : Exception(message);
