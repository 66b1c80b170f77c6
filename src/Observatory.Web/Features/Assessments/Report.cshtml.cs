using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Web.Setup;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// The results of answers to a template as one self-contained web page file (styles inline, links absolute, no
/// scripts), laid out for A4 so it prints well for a cabinet or board paper. It takes the same answers as the try-it
/// page, posted, and keeps nothing.
/// </summary>
public sealed class ReportModel(AssessmentTemplates templates, AssessmentResults results, CurrentActor current, PublicAddress address, IWebHostEnvironment environment, TimeProvider clock) : PageModel
{
    public AssessmentResultsView Results { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> Answers { get; private set; } = new Dictionary<string, string?>();

    /// <summary>The print stylesheet, written into the file so it needs nothing from the Observatory to print.</summary>
    public string Styles { get; private set; } = "";

    public string Made { get; private set; } = "";

    public string TryItLink { get; private set; } = "";

    /// <summary>Only a posted form makes a report; an address typed in goes to the template's page.</summary>
    // The report is made from answers posted with it; its address typed in goes to the template to answer, and for a
    // template that does not exist (or is not the reader's to see) is not found, like the template's own page.
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct) =>
        (await templates.FindAsync(id, ct)).Succeeded(out _, out _) ? Redirect("/assessments/" + Uri.EscapeDataString(id)) : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, CancellationToken ct)
    {
        var answers = AnswerForm.Read(Request.Form);
        if (!(await results.ReportAsync(current.Actor, id, answers, ct)).Succeeded(out var report, out var refusal))
        {
            // A form from the try-it page cannot send these, so the reason is plain text rather than a page to fix it on.
            var problems = refusal.Problems.Count > 0 ? string.Join("\n", refusal.Problems.Select(p => p.Message)) : refusal.Message;
            return new ContentResult { StatusCode = refusal.StatusCode(), ContentType = "text/plain; charset=utf-8", Content = problems };
        }
        Answers = answers;
        Results = AssessmentResultsView.For(report, address.Link);
        TryItLink = address.Link("/assessments/" + Uri.EscapeDataString(id));
        Made = clock.GetUtcNow().ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var file = environment.WebRootFileProvider.GetFileInfo("css/report.css");
        await using (var stream = file.CreateReadStream())
        using (var reader = new StreamReader(stream))
        {
            Styles = await reader.ReadToEndAsync(ct);
        }
        Response.Headers.ContentDisposition = $"attachment; filename=\"{report.Template.Id}-results.html\"";
        return Page();
    }

    /// <summary>An answer as the person chose it: the level's name, the checklist answer, or their words.</summary>
    public string AnswerText(AssessmentQuestion question)
    {
        var t = Results.Template;
        if (!Answers.TryGetValue(question.Id, out var raw) || string.IsNullOrWhiteSpace(raw))
        {
            return "Not answered";
        }
        raw = raw.Trim();
        if (question.InWords || !t.IsLevelled)
        {
            return t.Scale == AnswerScale.Checklist && !question.InWords ? raw.Replace('-', ' ') : raw;
        }
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var level)
            ? AssessmentText.Level(t, level)
            : raw;
    }
}
