using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Assessments;

/// <summary>
/// What a person sends for one question: the answer (a level's number or name, a checklist answer or words; null
/// or empty for none yet) and what goes with it. Every field replaces what was stored for the question.
/// </summary>
public sealed record AnswerInput(
    string QuestionId,
    string? Answer,
    IReadOnlyList<string>? Evidence = null,
    string? Note = null,
    string? Confidence = null,
    string? Method = null,
    string? Target = null,
    string? Action = null);

/// <summary>A member a section is given to.</summary>
public sealed record Assignee(string SectionId, long PersonId, string Name);

/// <summary>An assessment with everything a page or the API shows of it, as the actor may see it.</summary>
public sealed record AssessmentRecord(
    Assessment Assessment,
    Organisation Organisation,
    AssessmentTemplate Template,
    IReadOnlyDictionary<string, AssessmentAnswer> Answers,
    IReadOnlyList<Assignee> Assignees,
    bool MayContribute,
    bool MayChooseVisibility = false,
    IReadOnlyList<Organisation>? SharedWith = null)
{
    /// <summary>Whether the actor is a member of the organisation (or a site administrator), not someone reading an assessment it shared or made public.</summary>
    public bool IsOwn { get; init; }

    /// <summary>The organisations a shared assessment is shown to.</summary>
    public IReadOnlyList<Organisation> SharedWithOrganisations => SharedWith ?? [];

    /// <summary>Whether the actor may change the answers now: a contributor, while it is a draft.</summary>
    public bool CanEdit => MayContribute && Assessment.State == WorkflowState.Draft;

    public AssessmentAnswer? AnswerTo(string questionId) => Answers.GetValueOrDefault(questionId);

    /// <summary>The questions a submission needs answered: the scored ones (<see cref="AssessmentTemplate.Scores"/>); answers in words are optional.</summary>
    public IReadOnlyList<AssessmentQuestion> Unanswered =>
        Template.Scale == AnswerScale.FreeText ? [] : [.. Template.ScoredQuestions.Where(q => AnswerTo(q.Id)?.Answer is null)];

    public int Answered => Template.Questions.Count(q => AnswerTo(q.Id)?.Answer is not null);

    public Assignee? AssigneeOf(string sectionId) => Assignees.FirstOrDefault(a => a.SectionId == sectionId);

    /// <summary>The stored answers as scoring reads them; answers to questions a later edition dropped are left out.</summary>
    public AnswerSet AnswerSet => OrganisationAssessments.AnswerSetOf(Template, Answers.Values);
}

/// <summary>One row of an organisation's list of assessments.</summary>
public sealed record AssessmentSummary(Assessment Assessment, string TemplateTitle, int Answered, int Questions, IReadOnlyList<string> SectionsAssignedToYou);

/// <summary>An organisation's assessments as the actor may see them, and whether the actor may start one.</summary>
public sealed record OrganisationAssessmentList(Organisation Organisation, IReadOnlyList<AssessmentSummary> Assessments, bool CanStart);

/// <summary>The scores of an assessment, and of the organisation's previous round of the same template if there is one.</summary>
public sealed record AssessmentRoundResults(AssessmentRecord Record, TemplateScore Score, Assessment? Previous, TemplateScore? PreviousScore, IReadOnlyDictionary<string, Answer> PreviousAnswers);

/// <summary>A submitted assessment an organisation opted into benchmarking: who (never shown), where, and its answers.</summary>
public sealed record OptedInAssessment(long OrganisationId, IReadOnlyList<string> PlaceCodes, string TemplateVersion, IReadOnlyDictionary<string, Answer> Answers);

/// <summary>
/// Organisations assessing themselves: start an assessment of a template for a period (optionally copying the
/// previous round forward), answer it over several sittings, give sections to members, submit, and opt a submitted
/// assessment into anonymised benchmarking. Contributors and above of the organisation write; its viewers read;
/// anyone else is told it does not exist (not found, never forbidden), unless the access policy says otherwise.
/// </summary>
public sealed partial class OrganisationAssessments(ObservatoryDbContext db, AssessmentTemplates templates, CurrentActor current, TimeProvider clock)
{
    private Actor Actor => current.Actor;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>An organisation's assessments, newest period first; only its members (and site administrators) may list them.</summary>
    public async Task<Outcome<OrganisationAssessmentList>> ListAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!(await OrganisationAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        var assessments = (await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == organisation.Id).ToListAsync(cancellationToken))
            .Where(a => AccessPolicy.CanView(Actor, a))
            .OrderByDescending(a => a.Period, StringComparer.Ordinal).ThenBy(a => a.TemplateId, StringComparer.Ordinal).ToList();
        var ids = assessments.Select(a => a.Id).ToList();
        var answered = await db.AssessmentAnswers.AsNoTracking()
            .Where(a => ids.Contains(a.AssessmentId) && (a.Level != null || a.Choice != null || a.Text != null))
            .GroupBy(a => a.AssessmentId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var mine = Actor.PersonId is { } me
            ? (await db.SectionAssignments.AsNoTracking().Where(s => ids.Contains(s.AssessmentId) && s.PersonId == me).ToListAsync(cancellationToken))
                .ToLookup(s => s.AssessmentId, s => s.SectionId)
            : Enumerable.Empty<SectionAssignment>().ToLookup(s => s.AssessmentId, s => s.SectionId);
        var rows = new List<AssessmentSummary>();
        foreach (var a in assessments)
        {
            var template = (await templates.FindAsync(a.TemplateId, cancellationToken)).Succeeded(out var t, out _) ? t : null;
            rows.Add(new AssessmentSummary(a, template?.Title ?? a.TemplateId, answered.GetValueOrDefault(a.Id), template?.QuestionCount ?? 0,
                [.. mine[a.Id].Select(s => template?.Topics.FirstOrDefault(p => p.Id == s)?.Title ?? s)]));
        }
        return new OrganisationAssessmentList(organisation, rows, AccessPolicy.CanContribute(Actor, organisation.Id));
    }

    /// <summary>
    /// Starts an assessment of <paramref name="templateId"/> for <paramref name="period"/> ("2026/27"). With
    /// <paramref name="copyForward"/>, the answers, evidence, targets and actions of the organisation's latest earlier
    /// round of the same template are copied in, to be reviewed rather than typed again.
    /// </summary>
    public async Task<Outcome<AssessmentRecord>> StartAsync(string slug, string? templateId, string? period, bool copyForward = false, CancellationToken cancellationToken = default)
    {
        if (!(await OrganisationAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        if (!AccessPolicy.CanContribute(Actor, organisation.Id))
        {
            return Refusal.Forbidden($"Only a contributor of {organisation.Name} can start an assessment.");
        }
        var problems = new List<ContentProblem>();
        AssessmentTemplate? template = null;
        if (string.IsNullOrWhiteSpace(templateId))
        {
            problems.Add(Problem("templateId", "Choose what to assess against"));
        }
        else if (!(await templates.FindAsync(templateId.Trim(), cancellationToken)).Succeeded(out template, out _))
        {
            problems.Add(Problem("templateId", $"There is no assessment template {InputLimits.Quote(templateId.Trim())}"));
        }
        period = period?.Trim() ?? "";
        if (!IsPeriod(period))
        {
            problems.Add(Problem("period", "Enter the financial year as two years, for example 2026/27"));
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        if (await db.Assessments.AnyAsync(a => a.OrganisationId == organisation.Id && a.TemplateId == template!.Id && a.Period == period && a.SurveyId == null, cancellationToken))
        {
            return Refusal.Conflict($"{organisation.Name} already has an assessment of {template!.DisplayTitle} for {period}: continue that one.", "period");
        }
        Assessment? previous = null;
        if (copyForward)
        {
            previous = await PreviousAsync(organisation.Id, template!.Id, period, cancellationToken);
            if (previous is null)
            {
                return Refusal.Invalid("copyForward", $"{organisation.Name} has no assessment of {template.DisplayTitle} before {period} to copy forward");
            }
        }
        var assessment = new Assessment
        {
            OrganisationId = organisation.Id,
            TemplateId = template!.Id,
            TemplateVersion = template.Version,
            Period = period,
            CopiedFromId = previous?.Id,
            CreatedAt = Now,
            CreatedById = Actor.PersonId,
            CreatedBy = Actor.Name,
            UpdatedAt = Now,
            UpdatedById = Actor.PersonId,
            UpdatedBy = Actor.Name,
        };
        db.Assessments.Add(assessment);
        // Within an import's transaction when there is one, so a refused import starts nothing.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.SaveChangesAsync(cancellationToken);
        if (previous is not null)
        {
            var questions = template.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var earlier in await db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == previous.Id).ToListAsync(cancellationToken))
            {
                // A later edition of the template may have dropped a question, or moved its scale: copy only what still fits.
                if (!questions.Contains(earlier.QuestionId) || earlier.Level > template.MaxLevel && template.IsLevelled)
                {
                    continue;
                }
                db.AssessmentAnswers.Add(new AssessmentAnswer
                {
                    AssessmentId = assessment.Id,
                    OrganisationId = organisation.Id,
                    QuestionId = earlier.QuestionId,
                    Level = earlier.Level,
                    Choice = earlier.Choice,
                    Text = earlier.Text,
                    EvidenceLinks = earlier.EvidenceLinks,
                    Note = earlier.Note,
                    Confidence = earlier.Confidence,
                    Method = earlier.Method,
                    TargetLevel = earlier.TargetLevel,
                    Action = earlier.Action,
                    UpdatedAt = Now,
                    UpdatedBy = Actor.Name,
                });
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return await RecordAsync(assessment, organisation, template, cancellationToken);
    }

    /// <summary>An assessment with its answers; not found unless the actor may see it.</summary>
    public async Task<Outcome<AssessmentRecord>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assessment is null || !AccessPolicy.CanView(Actor, assessment))
        {
            return NoSuchAssessment;
        }
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == assessment.OrganisationId, cancellationToken);
        if (!(await templates.FindAsync(assessment.TemplateId, cancellationToken)).Succeeded(out var template, out var refusal))
        {
            // A checklist of an imported framework that was since withdrawn: the answers are kept, but cannot be shown against it.
            return refusal;
        }
        return await RecordAsync(assessment, organisation, template, cancellationToken);
    }

    /// <summary>
    /// Saves answers to a draft. Every answer is checked against the template in one pass — a question the template
    /// lacks, a level off the scale, a link that is not a web address — and nothing is saved if any is wrong; each
    /// problem names the question (<c>answers.{questionId}</c>, and <c>.evidence</c>, <c>.target</c>… for the rest).
    /// Questions not sent are left as they were.
    /// </summary>
    public async Task<Outcome<AssessmentRecord>> SaveAnswersAsync(long id, IReadOnlyList<AnswerInput> answers, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        var (rows, problems) = Check(record.Template, answers);
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        await StoreAsync(id, record.Organisation.Id, rows, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// Imports answers from a file for <paramref name="period"/>, all or nothing: into the draft of that template and
    /// period if there is one, else into a new assessment started for it. Nothing is started or saved when any
    /// answer is wrong; each problem names its question.
    /// </summary>
    public async Task<Outcome<AssessmentRecord>> ImportAsync(string slug, string? templateId, string? period, IReadOnlyList<AnswerInput> answers, CancellationToken cancellationToken = default)
    {
        if (!(await OrganisationAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        if (!AccessPolicy.CanContribute(Actor, organisation.Id))
        {
            return Refusal.Forbidden($"Only a contributor of {organisation.Name} can import its answers.");
        }
        period = period?.Trim();
        var existing = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.OrganisationId == organisation.Id && a.TemplateId == templateId && a.Period == period && a.SurveyId == null, cancellationToken);
        if (existing is not null)
        {
            return await SaveAnswersAsync(existing.Id, answers, cancellationToken);
        }
        if (templateId is not null && (await templates.FindAsync(templateId, cancellationToken)).Succeeded(out var template, out _))
        {
            var (_, problems) = Check(template, answers);
            if (problems.Count > 0)
            {
                return Refusal.Invalid(problems);
            }
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!(await StartAsync(slug, templateId, period, false, cancellationToken)).Succeeded(out var started, out refusal))
        {
            return refusal;
        }
        var (rows, _) = Check(started.Template, answers);
        await StoreAsync(started.Assessment.Id, organisation.Id, rows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(started.Assessment.Id, cancellationToken);
    }

    private sealed record CheckedAnswer(string QuestionId, Answer? Answer, IReadOnlyList<string> Links, string? Note, AnswerConfidence? Confidence, AssessmentMethod? Method, int? Target, string? Action);

    /// <summary>Every answer checked against the template in one pass: the answers as they will be stored, or every problem.</summary>
    private static (List<CheckedAnswer> Rows, List<ContentProblem> Problems) Check(AssessmentTemplate template, IReadOnlyList<AnswerInput> answers)
    {
        var raw = new Dictionary<string, string?>(StringComparer.Ordinal);
        var problems = new List<ContentProblem>();
        foreach (var group in answers.GroupBy(a => a.QuestionId, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(Problem(Field(group.Key), $"Question {InputLimits.Quote(group.Key)} is answered more than once"));
        }
        foreach (var input in answers)
        {
            raw[input.QuestionId] = input.Answer;
        }
        // The template's own reading of each answer: an unknown question or an answer off the scale, by question.
        if (!AssessmentScoring.Read(template, raw).Succeeded(out var read, out var invalid))
        {
            problems.AddRange(invalid.Problems);
        }
        var known = template.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        var rows = new List<CheckedAnswer>();
        foreach (var input in answers.Where(a => known.Contains(a.QuestionId)))
        {
            var field = Field(input.QuestionId);
            var links = new List<string>();
            foreach (var link in (input.Evidence ?? []).Select(l => l?.Trim()).Where(l => !string.IsNullOrEmpty(l)))
            {
                if (link!.Length > AssessmentAnswer.MaxLinkLength || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || link.Contains('\n'))
                {
                    problems.Add(Problem(field + ".evidence", $"{InputLimits.Quote(link)} is not a web address: give each link in full, starting https://"));
                }
                else
                {
                    links.Add(link);
                }
            }
            if (links.Count > AssessmentAnswer.MaxLinks)
            {
                problems.Add(Problem(field + ".evidence", $"Give at most {AssessmentAnswer.MaxLinks} links to evidence for question '{input.QuestionId}'"));
            }
            CheckLength(problems, field + ".note", input.Note, AssessmentAnswer.MaxNoteLength, "The note");
            CheckLength(problems, field + ".action", input.Action, AssessmentAnswer.MaxActionLength, "The action");
            var confidence = ParseEnum<AnswerConfidence>(problems, field + ".confidence", input.Confidence, "Choose how sure you are: low, medium or high");
            var method = ParseEnum<AssessmentMethod>(problems, field + ".method", input.Method, "Choose how the answer was reached: self, peer or independent");
            int? target = null;
            if (!string.IsNullOrWhiteSpace(input.Target))
            {
                if (!template.IsLevelled)
                {
                    problems.Add(Problem(field + ".target", $"Question '{input.QuestionId}' has no levels to set a target on"));
                }
                else if (int.TryParse(input.Target.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level >= 1 && level <= template.MaxLevel)
                {
                    target = level;
                }
                else
                {
                    problems.Add(Problem(field + ".target", $"{InputLimits.Quote(input.Target.Trim())} is not a target level: choose a level from 1 to {template.MaxLevel}"));
                }
            }
            rows.Add(new CheckedAnswer(input.QuestionId, read?.For(input.QuestionId), links, Blank(input.Note), confidence, method, target, Blank(input.Action)));
        }
        return (rows, problems);
    }

    private async Task StoreAsync(long id, long organisationId, IReadOnlyList<CheckedAnswer> rows, CancellationToken cancellationToken)
    {
        var stored = await db.AssessmentAnswers.Where(a => a.AssessmentId == id).ToDictionaryAsync(a => a.QuestionId, StringComparer.Ordinal, cancellationToken);
        foreach (var input in rows)
        {
            var answer = input.Answer;
            if (!stored.TryGetValue(input.QuestionId, out var row))
            {
                row = new AssessmentAnswer { AssessmentId = id, OrganisationId = organisationId, QuestionId = input.QuestionId, UpdatedBy = Actor.Name };
                db.AssessmentAnswers.Add(row);
            }
            row.Level = answer?.Level;
            row.Choice = answer?.Choice is { } c ? AssessmentTemplate.AnswerName(c) : null;
            row.Text = answer?.Text;
            row.EvidenceLinks = string.Join('\n', input.Links);
            row.Note = input.Note;
            row.Confidence = input.Confidence;
            row.Method = input.Method;
            row.TargetLevel = input.Target;
            row.Action = input.Action;
            row.UpdatedAt = Now;
            row.UpdatedBy = Actor.Name;
        }
        var assessment = await db.Assessments.FirstAsync(a => a.Id == id, cancellationToken);
        Touch(assessment);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Submits a draft: refused with the id of every unanswered question; a second submission is a conflict. The answers are then fixed.</summary>
    public async Task<Outcome<AssessmentRecord>> SubmitAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.Unanswered is { Count: > 0 } unanswered)
        {
            return Refusal.Invalid([.. unanswered.Select(q => Problem(Field(q.Id), $"Question '{q.Id}' is not answered yet: {Shorten(q.Text)}"))]);
        }
        var assessment = await db.Assessments.FirstAsync(a => a.Id == id, cancellationToken);
        assessment.State = WorkflowState.Submitted;
        assessment.SubmittedAt = Now;
        assessment.SubmittedBy = Actor.Name;
        Touch(assessment);
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Opts a submitted assessment into anonymised benchmarking, or out again; a draft cannot be.</summary>
    public async Task<Outcome<AssessmentRecord>> SetBenchmarkingAsync(long id, bool optIn, CancellationToken cancellationToken = default)
    {
        if (!(await VisibleAsync(id, cancellationToken)).Succeeded(out var assessment, out var refusal))
        {
            return refusal;
        }
        if (!AccessPolicy.CanContribute(Actor, assessment.OrganisationId))
        {
            return Refusal.Forbidden("Only a contributor of the organisation can choose whether its assessment counts in benchmarks.");
        }
        if (assessment.State == WorkflowState.Draft)
        {
            return Refusal.Conflict("Submit the assessment first: only submitted answers count in benchmarks.", "optIn");
        }
        var tracked = await db.Assessments.FirstAsync(a => a.Id == id, cancellationToken);
        if (tracked.Benchmarking != optIn)
        {
            tracked.Benchmarking = optIn;
            Touch(tracked);
            await db.SaveChangesAsync(cancellationToken);
        }
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// Chooses who may read a submitted assessment: only the organisation (<see cref="Visibility.Private"/>, as every
    /// assessment starts), the organisations named in <paramref name="sharedWith"/> by their short names too
    /// (<see cref="Visibility.Shared"/>), or everyone, without signing in (<see cref="Visibility.Public"/>). As with
    /// every item an organisation owns, an approver publishes: the first choice other than private publishes the
    /// assessment, and it can be made private again at any time. A draft cannot be shown to anyone outside. The change
    /// is in the organisation's audit history; benchmarks are unaffected (they never name anyone).
    /// </summary>
    public async Task<Outcome<AssessmentRecord>> SetVisibilityAsync(long id, Visibility visibility, IReadOnlyList<string>? sharedWith = null, CancellationToken cancellationToken = default)
    {
        if (!(await VisibleAsync(id, cancellationToken)).Succeeded(out var assessment, out var refusal))
        {
            return refusal;
        }
        if (!Actor.IsSiteAdministrator && Actor.RoleIn(assessment.OrganisationId) is null)
        {
            // Someone reading a shared or public assessment is not told how it could be changed.
            return NoSuchAssessment;
        }
        if (!MayChooseVisibility(assessment.OrganisationId))
        {
            return Refusal.Forbidden("Only an approver of the organisation can choose who sees its assessment.");
        }
        if (!Enum.IsDefined(visibility))
        {
            return Refusal.Invalid("visibility", "Choose who can see the assessment: private, shared or public");
        }
        if (assessment.State == WorkflowState.Draft)
        {
            return Refusal.Conflict("Submit the assessment first: only submitted answers can be shown outside your organisation.", "visibility");
        }
        var ids = new List<long>();
        if (visibility == Visibility.Shared)
        {
            var slugs = (sharedWith ?? []).SelectMany(s => s.Split([',', ' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Select(s => s.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList();
            if (slugs.Count == 0)
            {
                return Refusal.Invalid("sharedWith", "Enter the short name of at least one organisation to share the assessment with");
            }
            var found = await db.Organisations.AsNoTracking().Where(o => slugs.Contains(o.Slug)).ToListAsync(cancellationToken);
            var problems = slugs.Where(s => found.All(o => o.Slug != s)).Select(s => Problem("sharedWith", $"There is no organisation {InputLimits.Quote(s)}"))
                .Concat(found.Where(o => o.Id == assessment.OrganisationId).Select(_ => Problem("sharedWith", "Your own organisation already sees the assessment: name other organisations")))
                .ToList();
            if (problems.Count > 0)
            {
                return Refusal.Invalid(problems);
            }
            ids = [.. found.Select(o => o.Id).Order()];
        }
        var tracked = await db.Assessments.FirstAsync(a => a.Id == id, cancellationToken);
        var shared = string.Join(',', ids);
        if (tracked.Visibility != visibility || tracked.SharedWith != shared)
        {
            tracked.Visibility = visibility;
            tracked.SharedWith = shared;
            if (visibility != Visibility.Private && tracked.State == WorkflowState.Submitted)
            {
                tracked.State = WorkflowState.Published;
            }
            Touch(tracked);
            await db.SaveChangesAsync(cancellationToken);
        }
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>
    /// Gives a section (or topic) to a member of the organisation who may contribute, or takes it back
    /// (<paramref name="personId"/> null). The member sees "assigned to you" on the organisation's list.
    /// </summary>
    public async Task<Outcome<AssessmentRecord>> AssignAsync(long id, string sectionId, long? personId, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (record.Template.Topics.All(t => t.Id != sectionId))
        {
            return Refusal.NotFound($"{record.Template.DisplayTitle} has no section {InputLimits.Quote(sectionId)}.");
        }
        var existing = await db.SectionAssignments.FirstOrDefaultAsync(s => s.AssessmentId == id && s.SectionId == sectionId, cancellationToken);
        if (personId is not { } person)
        {
            if (existing is not null)
            {
                db.SectionAssignments.Remove(existing);
                await db.SaveChangesAsync(cancellationToken);
            }
            return await GetAsync(id, cancellationToken);
        }
        var member = await db.Memberships.AsNoTracking().FirstOrDefaultAsync(m => m.OrganisationId == record.Organisation.Id && m.PersonId == person, cancellationToken);
        if (member is null || member.Role < Role.Contributor)
        {
            return Refusal.Invalid("personId", $"Choose a member of {record.Organisation.Name} who can contribute");
        }
        if (existing is null)
        {
            db.SectionAssignments.Add(new SectionAssignment { AssessmentId = id, OrganisationId = record.Organisation.Id, SectionId = sectionId, PersonId = person, AssignedAt = Now, AssignedBy = Actor.Name });
        }
        else
        {
            existing.PersonId = person;
            existing.AssignedAt = Now;
            existing.AssignedBy = Actor.Name;
        }
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>The members a section can be given to: those of the assessment's organisation who may contribute, by name.</summary>
    public async Task<Outcome<IReadOnlyList<(long PersonId, string Name)>>> AssignableAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await VisibleAsync(id, cancellationToken)).Succeeded(out var assessment, out var refusal))
        {
            return refusal;
        }
        if (!Actor.IsSiteAdministrator && Actor.RoleIn(assessment.OrganisationId) is null)
        {
            // A shared or public assessment shows its answers, never who in the organisation answers them.
            return NoSuchAssessment;
        }
        var people = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == assessment.OrganisationId && m.Role != Role.Viewer)
            .Join(db.Set<Person>().AsNoTracking(), m => m.PersonId, p => p.Id, (m, p) => new { p.Id, p.DisplayName })
            .ToListAsync(cancellationToken);
        return Outcome.Success<IReadOnlyList<(long PersonId, string Name)>>([.. people.OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase).Select(p => (p.Id, p.DisplayName))]);
    }

    /// <summary>
    /// The scores of an assessment (the weakest link, the mean and the coverage of each level, or checklist
    /// counts), with the organisation's latest earlier round of the same template for the change year on year.
    /// </summary>
    public async Task<Outcome<AssessmentRoundResults>> ResultsAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await GetAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        var score = AssessmentScoring.Score(record.AnswerSet);
        var previous = await PreviousAsync(record.Organisation.Id, record.Template.Id, record.Assessment.Period, cancellationToken);
        if (previous is null || !AccessPolicy.CanView(Actor, previous))
        {
            return new AssessmentRoundResults(record, score, null, null, new Dictionary<string, Answer>());
        }
        var earlier = AnswerSetOf(record.Template, await db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == previous.Id).ToListAsync(cancellationToken));
        return new AssessmentRoundResults(record, score, previous, AssessmentScoring.Score(earlier), earlier.Answers);
    }

    /// <summary>
    /// For the anonymised benchmarks: every submitted assessment of <paramref name="templateId"/> for
    /// <paramref name="period"/> whose organisation opted in, with the organisation's id and places and its answers.
    /// Not for pages: it answers whoever asks, and the benchmarks must never show an organisation's id or name.
    /// </summary>
    public async Task<IReadOnlyList<OptedInAssessment>> BenchmarkContributionsAsync(string templateId, string period, CancellationToken cancellationToken = default)
    {
        var contributing = await db.Assessments.AsNoTracking()
            .Where(a => a.TemplateId == templateId && a.Period == period && a.Benchmarking && a.State != WorkflowState.Draft && a.SurveyId == null)
            .Join(db.Set<Organisation>().AsNoTracking(), a => a.OrganisationId, o => o.Id, (a, o) => new { a.Id, a.OrganisationId, a.TemplateVersion, o.PlaceCodes })
            .ToListAsync(cancellationToken);
        var ids = contributing.Select(c => c.Id).ToList();
        var answers = (await db.AssessmentAnswers.AsNoTracking().Where(a => ids.Contains(a.AssessmentId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.AssessmentId);
        return [.. contributing.OrderBy(c => c.OrganisationId).Select(c => new OptedInAssessment(c.OrganisationId,
            c.PlaceCodes.Length == 0 ? [] : c.PlaceCodes.Split(','), c.TemplateVersion,
            answers[c.Id].Where(a => a.Answer is not null).ToDictionary(a => a.QuestionId, a => a.Answer!.Value, StringComparer.Ordinal)))];
    }

    /// <summary>"2026/27": a financial year as its first year and the last two digits of the next.</summary>
    public static bool IsPeriod(string period)
    {
        var match = PeriodPattern().Match(period);
        if (!match.Success)
        {
            return false;
        }
        var first = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return first is >= 2000 and < 2100 && (first + 1) % 100 == int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
    }

    internal static AnswerSet AnswerSetOf(AssessmentTemplate template, IEnumerable<AssessmentAnswer> stored)
    {
        var questions = template.Questions.Select(q => q.Id).ToHashSet(StringComparer.Ordinal);
        return new AnswerSet(template, stored
            .Where(a => questions.Contains(a.QuestionId) && a.Answer is not null && (!template.IsLevelled || a.Level <= template.MaxLevel))
            .ToDictionary(a => a.QuestionId, a => a.Answer!.Value, StringComparer.Ordinal));
    }

    private static Refusal NoSuchAssessment => Refusal.NotFound("There is no such assessment.");

    private async Task<Outcome<Organisation>> OrganisationAsync(string slug, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        // Outsiders are not told which organisations assess themselves.
        return organisation is not null && (Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null)
            ? organisation
            : Refusal.NotFound($"There is no organisation '{slug}' whose assessments you can see.");
    }

    private async Task<Outcome<Assessment>> VisibleAsync(long id, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        return assessment is not null && AccessPolicy.CanView(Actor, assessment) ? assessment : NoSuchAssessment;
    }

    /// <summary>A draft the actor may change: not found if they may not see it, forbidden if they only read, a conflict once submitted.</summary>
    private async Task<Outcome<AssessmentRecord>> WritableAsync(long id, CancellationToken cancellationToken)
    {
        if (!(await GetAsync(id, cancellationToken)).Succeeded(out var record, out var refusal))
        {
            return refusal;
        }
        if (!AccessPolicy.CanContribute(Actor, record.Organisation.Id))
        {
            return Refusal.Forbidden($"Only a contributor of {record.Organisation.Name} can change its assessment.");
        }
        if (record.Assessment.State != WorkflowState.Draft)
        {
            return Refusal.Conflict($"This assessment was submitted on {record.Assessment.SubmittedAt:d MMMM yyyy}; its answers are fixed. Start the next period's to change them.");
        }
        // A survey's response is answered only while the survey is open.
        if (record.Assessment.SurveyId is { } surveyId && await Surveys.SurveyWindow.RefusalAsync(db, surveyId, clock, cancellationToken) is { } closed)
        {
            return closed;
        }
        return record;
    }

    private async Task<AssessmentRecord> RecordAsync(Assessment assessment, Organisation organisation, AssessmentTemplate template, CancellationToken cancellationToken)
    {
        var answers = await db.AssessmentAnswers.AsNoTracking().Where(a => a.AssessmentId == assessment.Id).ToDictionaryAsync(a => a.QuestionId, StringComparer.Ordinal, cancellationToken);
        var assignees = await db.SectionAssignments.AsNoTracking().Where(s => s.AssessmentId == assessment.Id)
            .Join(db.Set<Person>().AsNoTracking(), s => s.PersonId, p => p.Id, (s, p) => new Assignee(s.SectionId, p.Id, p.DisplayName))
            .ToListAsync(cancellationToken);
        var sharedIds = AccessPolicy.SharedWith(assessment).ToList();
        var own = Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null;
        var sharedWith = own && sharedIds.Count > 0
            ? await db.Organisations.AsNoTracking().Where(o => sharedIds.Contains(o.Id)).OrderBy(o => o.Name).ToListAsync(cancellationToken)
            : [];
        return new AssessmentRecord(assessment, organisation, template, answers, assignees, AccessPolicy.CanContribute(Actor, organisation.Id),
            MayChooseVisibility(organisation.Id), sharedWith)
        { IsOwn = own };
    }

    /// <summary>An approver publishes, as for every item an organisation owns: approvers and organisation admins, and site administrators.</summary>
    private bool MayChooseVisibility(long organisationId) =>
        Actor.MayWrite && (Actor.IsSiteAdministrator || Actor.HasRole(organisationId, Role.Approver));

    /// <summary>The organisation's latest assessment of the template for a period before <paramref name="period"/>.</summary>
    private async Task<Assessment?> PreviousAsync(long organisationId, string templateId, string period, CancellationToken cancellationToken) =>
        (await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == organisationId && a.TemplateId == templateId && a.SurveyId == null).ToListAsync(cancellationToken))
            .Where(a => string.CompareOrdinal(a.Period, period) < 0)
            .MaxBy(a => a.Period, StringComparer.Ordinal);

    private void Touch(Assessment assessment)
    {
        assessment.UpdatedAt = Now;
        assessment.UpdatedById = Actor.PersonId;
        assessment.UpdatedBy = Actor.Name;
    }

    private static string Field(string questionId) => $"answers.{InputLimits.Quote(questionId).Trim('\'')}";

    private static void CheckLength(List<ContentProblem> problems, string field, string? value, int max, string what)
    {
        if (value is { } v && v.Trim().Length > max)
        {
            problems.Add(Problem(field, $"{what} must be {max.ToString("N0", CultureInfo.InvariantCulture)} characters or fewer"));
        }
    }

    private static TEnum? ParseEnum<TEnum>(List<ContentProblem> problems, string field, string? value, string message) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }
        problems.Add(Problem(field, message));
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "…";

    private static ContentProblem Problem(string field, string message) => new("", 0, 0, field, message);

    [GeneratedRegex("^([0-9]{4})/([0-9]{2})$")]
    private static partial Regex PeriodPattern();
}
