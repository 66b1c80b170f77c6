using System.Globalization;
using Observatory.Assessments;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Observatory.Web.Features.Assessments;

/// <summary>
/// An organisation's assessment results as an A4 PDF for a cabinet or board paper: what was assessed, by whom, for
/// which period, how (method and confidence) and when it was submitted; the scores of the whole and of each section
/// or topic as a table and a simple bar drawing; strengths and gaps in the same words as the results page; and
/// targets against now. Made from the same results the page shows, so the two always agree.
/// </summary>
public static class AssessmentPdf
{
    public const string ContentType = "application/pdf";

    public static byte[] Write(AssessmentRoundResults results, ResultSentences words, DateTimeOffset made)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(words);
        var record = results.Record;
        var t = record.Template;
        var a = record.Assessment;
        var score = results.Score;
        var noun = t.Structure == TemplateStructure.Topics ? "topic" : "section";
        using var document = new PdfDocument();
        document.Info.Title = $"{t.DisplayTitle} {a.Period}: results for {record.Organisation.Name}";
        document.Info.Author = record.Organisation.Name;
        document.Info.Creator = "Connected Places Observatory";
        var page = new A4Layout(document);

        page.Paragraph($"{record.Organisation.Name} – {a.Period}", 12, colour: XColor.FromArgb(0x50, 0x5a, 0x5f));
        page.Heading($"Results: {t.DisplayTitle}", 22);
        page.Table(["About this assessment", ""], [0.3, 0.7], [false, false],
        [
            ["Organisation", record.Organisation.Name],
            ["Template", $"{t.Title}, version {t.Version}"],
            ["Source", string.Join("; ", t.Sources.Select(s => s.ToString()))],
            ["Period", a.Period],
            ["Method", Methods(record)],
            ["Confidence", Confidences(record)],
            ["Submitted", a.SubmittedAt is { } submitted ? Date(submitted) : "Not submitted yet: these are the answers so far"],
            ["Report made", Date(made.UtcDateTime)],
        ]);

        page.Heading("Strengths and gaps", 15);
        page.Paragraph(words.Overview);
        if (words.Strengths.Count > 0)
        {
            page.Paragraph("Strengths", 11, bold: true);
            page.Bullets(words.Strengths);
        }
        if (words.Gaps.Count > 0)
        {
            page.Paragraph("Gaps", 11, bold: true);
            page.Bullets(words.Gaps);
        }

        page.Heading($"Scores by {noun}", 15);
        var parts = score.Topics.Where(p => p.Questions > 0).Append(score.Overall with { Title = "Whole assessment" }).ToList();
        if (t.IsLevelled)
        {
            page.Paragraph($"The weakest link: a {noun} reaches a level only when every question in it is answered at that level or higher; an unanswered question is at no level yet. The mean is the average of the answers given. Answers in words are not scored.", 9.5);
            var agreement = t.Scale == AnswerScale.Agreement;
            page.Table(
                agreement ? ["Part", "Weakest link", "Median", "Mean", "Answered"] : ["Part", "Weakest link", "Mean", "Answered"],
                agreement ? [0.34, 0.2, 0.2, 0.1, 0.16] : [0.44, 0.28, 0.12, 0.16],
                agreement ? [false, false, false, true, true] : [false, false, true, true],
                parts.Select(p => agreement
                    ? (IReadOnlyList<string>)[p.Title, AssessmentText.Level(t, p.WeakestLink), ResultWords.Agreement(t, p.Median), AssessmentText.Mean(p.Mean), Answered(p)]
                    : [p.Title, AssessmentText.Level(t, p.WeakestLink), AssessmentText.Mean(p.Mean), Answered(p)]));
            LevelBars(page, t, parts);
        }
        else if (t.Scale == AnswerScale.Checklist)
        {
            page.Table(["Part", "Yes", "Partly", "No", "Not applicable", "Unanswered"], [0.35, 0.13, 0.13, 0.13, 0.14, 0.12], [false, true, true, true, true, true],
                parts.Select(p => p.Tally is { } c
                    ? (IReadOnlyList<string>)[p.Title, $"{c.Yes} ({AssessmentText.Percent(c.YesShare)})", $"{c.Partly} ({AssessmentText.Percent(c.PartlyShare)})", $"{c.No} ({AssessmentText.Percent(c.NoShare)})", Count(c.NotApplicable), Count(c.Unanswered)]
                    : [p.Title, "", "", "", "", ""]));
            ChecklistBars(page, parts);
        }
        else
        {
            page.Paragraph("Answers in words are not scored.");
            page.Table(["Part", "Answered"], [0.7, 0.3], [false, true], parts.Select(p => (IReadOnlyList<string>)[p.Title, Answered(p)]));
        }

        var targets = t.Questions.Select(q => (Question: q, Answer: record.AnswerTo(q.Id)))
            .Where(x => x.Answer?.TargetLevel is not null || x.Answer?.Action is not null).ToList();
        page.Heading("Targets against now", 15);
        if (targets.Count == 0)
        {
            page.Paragraph("No targets or actions are set.");
        }
        else
        {
            page.Table(["Question", "Now", "Target", "Action"], [0.4, 0.17, 0.17, 0.26], [false, false, false, false],
                targets.Select(x => (IReadOnlyList<string>)[x.Question.Text, AssessmentForm.Describe(t, x.Answer!.Answer),
                    x.Answer.TargetLevel is { } target ? AssessmentText.Level(t, target) : "None set", x.Answer.Action ?? ""]));
        }

        page.Finish($"{record.Organisation.Name}: {t.DisplayTitle} {a.Period}");
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    /// <summary>Each part's weakest link as a bar and its mean as a mark across it, on the scale's levels.</summary>
    private static void LevelBars(A4Layout page, AssessmentTemplate t, IReadOnlyList<PartScore> parts)
    {
        const double label = 170, rowHeight = 20, barHeight = 10;
        var width = A4Layout.ContentWidth - label - 10;
        var x0 = A4Layout.Margin + label + 10;
        page.Keep(rowHeight * (parts.Count + 2) + 30);
        page.Paragraph("The same scores drawn: the blue bar is the weakest link, the black mark the mean.", 9.5, bold: true);
        var g = page.Graphics;
        var top = page.Y;
        for (var level = 0; level <= t.MaxLevel; level++)
        {
            var x = x0 + width * level / t.MaxLevel;
            g.DrawLine(new XPen(A4Layout.Grey, 0.5), x, top, x, top + rowHeight * parts.Count);
            var text = level.ToString(CultureInfo.InvariantCulture);
            g.DrawString(text, page.Font(8, false, text), new XSolidBrush(A4Layout.Ink), x - 2, top + rowHeight * parts.Count + 2, XStringFormats.TopLeft);
        }
        foreach (var p in parts)
        {
            var title = page.Wrap(p.Title, page.Font(8.5), label)[0];
            g.DrawString(title, page.Font(8.5, false, title), new XSolidBrush(A4Layout.Ink), A4Layout.Margin, page.Y + 4, XStringFormats.TopLeft);
            var weakest = p.WeakestLink ?? 0;
            if (weakest > 0)
            {
                g.DrawRectangle(new XSolidBrush(A4Layout.Blue), x0, page.Y + (rowHeight - barHeight) / 2, width * weakest / t.MaxLevel, barHeight);
            }
            if (p.Mean is { } mean)
            {
                var x = x0 + width * mean / t.MaxLevel;
                g.DrawLine(new XPen(A4Layout.Ink, 2), x, page.Y + 2, x, page.Y + rowHeight - 2);
            }
            page.Space(rowHeight);
        }
        page.Space(22);
    }

    /// <summary>Each part's answers as one bar split into the shares answered yes, partly and no.</summary>
    private static void ChecklistBars(A4Layout page, IReadOnlyList<PartScore> parts)
    {
        const double label = 170, rowHeight = 20, barHeight = 10;
        var width = A4Layout.ContentWidth - label - 10;
        var x0 = A4Layout.Margin + label + 10;
        page.Keep(rowHeight * (parts.Count + 1) + 30);
        page.Paragraph("The same answers drawn: of the questions that apply, dark blue yes, light blue partly, grey no.", 9.5, bold: true);
        var g = page.Graphics;
        var partly = XColor.FromArgb(0x5b, 0x9b, 0xd5);
        foreach (var p in parts)
        {
            var title = page.Wrap(p.Title, page.Font(8.5), label)[0];
            g.DrawString(title, page.Font(8.5, false, title), new XSolidBrush(A4Layout.Ink), A4Layout.Margin, page.Y + 4, XStringFormats.TopLeft);
            var x = x0;
            var y = page.Y + (rowHeight - barHeight) / 2;
            if (p.Tally is { Applicable: > 0 } c)
            {
                foreach (var (share, colour) in new[] { (c.YesShare ?? 0, A4Layout.Blue), (c.PartlyShare ?? 0, partly), (c.NoShare ?? 0, A4Layout.Grey) })
                {
                    g.DrawRectangle(new XSolidBrush(colour), x, y, width * share, barHeight);
                    x += width * share;
                }
            }
            else
            {
                g.DrawRectangle(new XPen(A4Layout.Grey, 0.5), x, y, width, barHeight);
            }
            page.Space(rowHeight);
        }
        page.Space(10);
    }

    private static string Answered(PartScore p) => $"{Count(p.Answered)} of {Count(p.Questions)}";

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateTime date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>How the answers were reached, counted: "Self-assessment for 12 answers, peer assessment for 3".</summary>
    private static string Methods(AssessmentRecord record) =>
        Counted(record, a => a.Method switch
        {
            AssessmentMethod.Self => "self-assessment",
            AssessmentMethod.Peer => "peer assessment",
            AssessmentMethod.Independent => "independent assessment",
            _ => null,
        });

    /// <summary>How sure the organisation is, counted: "High for 10 answers, medium for 4".</summary>
    private static string Confidences(AssessmentRecord record) =>
        Counted(record, a => a.Confidence switch
        {
            AnswerConfidence.High => "high",
            AnswerConfidence.Medium => "medium",
            AnswerConfidence.Low => "low",
            _ => null,
        });

    private static string Counted(AssessmentRecord record, Func<AssessmentAnswer, string?> name)
    {
        var answers = record.Answers.Values.Where(a => a.Answer is not null).ToList();
        var named = answers.Select(name).OfType<string>().GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (named.Count == 0)
        {
            return "Not recorded";
        }
        var parts = named.Select((g, i) => $"{g.Key} for {Count(g.Count())} {(g.Count() == 1 ? "answer" : "answers")}").ToList();
        var unrecorded = answers.Count - named.Sum(g => g.Count());
        if (unrecorded > 0)
        {
            parts.Add($"not recorded for {Count(unrecorded)}");
        }
        var text = AssessmentText.Join(parts);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }
}
