using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Assessments.Benchmarking;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Places;
using Observatory.Storage;

namespace Observatory.Assessments.Surveys;

/// <summary>What a sector body sends to make a survey. Dates are ISO dates (2027-01-31); organisations are slugs, for a chosen audience.</summary>
public sealed record SurveyInput(string? Title, string? TemplateId, string? Period, string? OpensOn, string? ClosesOn, string? Audience, IReadOnlyList<string>? Organisations = null);

/// <summary>Changes to a survey; a null field is left as it is. Organisations are slugs, for a chosen audience.</summary>
public sealed record SurveyChanges(string? Title = null, string? OpensOn = null, string? ClosesOn = null, string? Audience = null, IReadOnlyList<string>? Organisations = null);

/// <summary>How far a survey has got, as counts only: never which organisation answered what.</summary>
public sealed record SurveyProgress(int Invited, int Started, int Submitted);

/// <summary>An organisation of the actor's that a survey was sent to, with its response (an assessment) if it has started one.</summary>
public sealed record SurveyInvitation(Organisation Organisation, Assessment? Response, bool? PublishWords, bool CanRespond);

/// <summary>A survey as the actor may see it: counts for those who run surveys, the actor's own organisations' invitations.</summary>
public sealed record SurveyView(Survey Survey, string TemplateTitle, string AudienceName, bool TakingAnswers, bool CanRun, SurveyProgress? Progress,
    IReadOnlyList<SurveyInvitation> Invitations)
{
    /// <summary>The organisations a survey sent to chosen organisations goes to (slugs), for those who run surveys only.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];
}

/// <summary>An open survey an organisation has not yet submitted its answers to.</summary>
public sealed record WaitingSurvey(Survey Survey, string TemplateTitle, Assessment? Response);

/// <summary>One question answered in words: the answers of respondents who agreed to their publication, names removed.</summary>
public sealed record SurveyWordsAnswer(string QuestionId, string Question, IReadOnlyList<string> Answers);

/// <summary>
/// A survey's published results, fixed when published: how many organisations it was sent to and how many
/// submitted, the suppressed aggregates of their answers (as a benchmark's), and the written answers that may be
/// shown. Nothing in it names an organisation.
/// </summary>
public sealed record SurveyResults(int Invited, int Responded, BenchmarkStatistics Statistics, bool WordsWithheld, IReadOnlyList<SurveyWordsAnswer> Words);

/// <summary>A survey with its published results.</summary>
public sealed record PublishedSurvey(Survey Survey, string TemplateTitle, AssessmentTemplate? Template, SurveyResults Results);

/// <summary>
/// Sector surveys: a site administrator or curator creates a survey of an assessment template for a round, sends
/// it to all organisations, a fixed peer group or chosen ones, opens it, closes it and publishes its results.
/// Invited organisations answer through their own assessment pages: a response is an assessment of the template
/// carrying the survey's id, answered and submitted only between the open and close dates. Results are the
/// benchmark's suppressed aggregates over the submitted responses, with written answers only from respondents
/// who agreed, names removed. Before publication only those who run surveys see anything of the answers, and then
/// only counts.
/// </summary>
public sealed class SectorSurveys(ObservatoryDbContext db, AssessmentTemplates templates, PeerGroupDirectory groups, PlaceRegistry places,
    CurrentActor current, TimeProvider clock)
{
    public const string AllAudience = "all";
    public const string ChosenAudience = "chosen";

    /// <summary>The fewest respondents for any figure, or any written answer, to be published (as the benchmarks').</summary>
    public const int MinimumRespondents = BenchmarkSuppression.MinimumContributors;

    private Actor Actor => current.Actor;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => SurveyWindow.Today(clock);

    /// <summary>Site administrators and curators run surveys (the command line acts as a site administrator).</summary>
    public static bool CanRun(Actor actor) => actor.MayWrite && (actor.IsSiteAdministrator || actor.IsCurator);

    private static bool CanWatch(Actor actor) => actor.IsSiteAdministrator || actor.IsCurator;

    public IReadOnlyList<PeerGroup> Groups => groups.Groups;

    /// <summary>The surveys the actor may see: all for those who run them; else those published and those sent to the actor's organisations.</summary>
    public async Task<IReadOnlyList<SurveyView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var surveys = await db.Surveys.AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(cancellationToken);
        var views = new List<SurveyView>();
        foreach (var survey in surveys)
        {
            if ((await ViewAsync(survey, cancellationToken)) is { } view)
            {
                views.Add(view);
            }
        }
        return views;
    }

    public async Task<Outcome<SurveyView>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return survey is not null && await ViewAsync(survey, cancellationToken) is { } view ? view : NoSuchSurvey;
    }

    /// <summary>Creates a draft survey; every problem with the input is named by its field, and nothing is kept if any.</summary>
    public async Task<Outcome<SurveyView>> CreateAsync(SurveyInput input, CancellationToken cancellationToken = default)
    {
        if (!CanRun(Actor))
        {
            return Refusal.Forbidden("Only a site administrator or a curator can run a survey.");
        }
        var problems = new List<ContentProblem>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
        {
            problems.Add(Problem("title", "Enter the survey's title"));
        }
        else if (title.Length > Survey.MaxTitleLength)
        {
            problems.Add(Problem("title", $"The title must be {Survey.MaxTitleLength} characters or fewer"));
        }
        AssessmentTemplate? template = null;
        if (string.IsNullOrWhiteSpace(input.TemplateId))
        {
            problems.Add(Problem("templateId", "Choose the template the survey asks"));
        }
        else if (!(await templates.FindAsync(input.TemplateId.Trim(), cancellationToken)).Succeeded(out template, out _))
        {
            problems.Add(Problem("templateId", $"There is no assessment template {InputLimits.Quote(input.TemplateId.Trim())}"));
        }
        var period = input.Period?.Trim() ?? "";
        if (BenchmarkReleases.CheckPeriod(period) is { } badPeriod)
        {
            problems.AddRange(badPeriod.Problems);
        }
        var opens = Date(problems, "opensOn", input.OpensOn, "the survey opens");
        var closes = Date(problems, "closesOn", input.ClosesOn, "the survey closes");
        if (closes is { } c && c < Today)
        {
            problems.Add(Problem("closesOn", "The close date must be today or later"));
        }
        else if (opens is { } o && closes is { } c2 && c2 < o)
        {
            problems.Add(Problem("closesOn", "The close date must be the same as or after the open date"));
        }
        var (audience, recipients) = await RecipientsAsync(problems, input, cancellationToken);
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var survey = new Survey
        {
            Title = title,
            TemplateId = template!.Id,
            TemplateVersion = template.Version,
            Period = period,
            OpensOn = opens!.Value,
            ClosesOn = closes!.Value,
            Audience = audience,
            CreatedAt = Now,
            CreatedById = Actor.PersonId,
            CreatedBy = Actor.Name,
            UpdatedAt = Now,
            UpdatedBy = Actor.Name,
        };
        db.Surveys.Add(survey);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.SurveyRecipients.AddRange(recipients.Select(r => new SurveyRecipient { SurveyId = survey.Id, OrganisationId = r }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(survey.Id, cancellationToken);
    }

    /// <summary>
    /// Changes a survey (site administrators and curators): while it is a draft, its title, dates and who it goes to;
    /// once open, only a later close date, to give organisations longer — anything else is a conflict, as is any
    /// change once it is closed. A field left null is unchanged; every problem is named by its field and nothing is
    /// kept if there is any. The change, and each organisation added to or taken off the recipients, is audited.
    /// </summary>
    public async Task<Outcome<SurveyView>> EditAsync(long id, SurveyChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (!CanRun(Actor))
        {
            return CanWatch(Actor) ? Refusal.Forbidden("Only a site administrator or a curator can change a survey.") : NoSuchSurvey;
        }
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return NoSuchSurvey;
        }
        var problems = new List<ContentProblem>();
        var title = changes.Title?.Trim();
        if (title is { Length: 0 })
        {
            problems.Add(Problem("title", "Enter the survey's title"));
        }
        else if (title is { Length: > Survey.MaxTitleLength })
        {
            problems.Add(Problem("title", $"The title must be {Survey.MaxTitleLength} characters or fewer"));
        }
        var opens = changes.OpensOn is null ? survey.OpensOn : Date(problems, "opensOn", changes.OpensOn, "the survey opens");
        var closes = changes.ClosesOn is null ? survey.ClosesOn : Date(problems, "closesOn", changes.ClosesOn, "the survey closes");
        var recipientsChanged = changes.Audience is not null || changes.Organisations is not null;
        if (survey.State != SurveyState.Draft)
        {
            var others = new List<string>();
            if (title is not null && title != survey.Title)
            {
                others.Add("title");
            }
            if (opens is { } o && o != survey.OpensOn)
            {
                others.Add("open date");
            }
            if (recipientsChanged && await RecipientsDifferAsync(survey, changes, cancellationToken))
            {
                others.Add("recipients");
            }
            if (survey.State != SurveyState.Open)
            {
                return Refusal.Conflict($"The survey '{survey.Title}' is {StateName(survey.State)}, so it can no longer be changed.");
            }
            if (others.Count > 0)
            {
                return Refusal.Conflict($"The survey '{survey.Title}' is open, so only its close date can be moved later; its {string.Join(", ", others)} can no longer be changed.");
            }
            if (closes is { } later && later < survey.ClosesOn)
            {
                return Refusal.Conflict($"The survey '{survey.Title}' is open: its close date can be moved later than {SurveyWindow.Date(survey.ClosesOn)}, not earlier. Close it instead to stop taking answers.");
            }
        }
        if (closes is { } c && c != survey.ClosesOn && c < Today)
        {
            problems.Add(Problem("closesOn", "The close date must be today or later"));
        }
        else if (opens is { } o2 && closes is { } c2 && c2 < o2)
        {
            problems.Add(Problem("closesOn", "The close date must be the same as or after the open date"));
        }
        var audience = survey.Audience;
        IReadOnlyList<long>? recipients = null;
        if (survey.State == SurveyState.Draft && recipientsChanged)
        {
            (audience, recipients) = await RecipientsAsync(problems, new SurveyInput(null, null, null, null, null, changes.Audience ?? survey.Audience, changes.Organisations), cancellationToken);
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        survey.Title = title ?? survey.Title;
        survey.OpensOn = opens!.Value;
        survey.ClosesOn = closes!.Value;
        survey.Audience = audience;
        survey.UpdatedAt = Now;
        survey.UpdatedBy = Actor.Name;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (recipients is not null)
        {
            var current = await db.SurveyRecipients.Where(r => r.SurveyId == id).ToListAsync(cancellationToken);
            db.SurveyRecipients.RemoveRange(current.Where(r => !recipients.Contains(r.OrganisationId)));
            var kept = current.Select(r => r.OrganisationId).ToHashSet();
            db.SurveyRecipients.AddRange(recipients.Where(r => !kept.Contains(r)).Select(r => new SurveyRecipient { SurveyId = id, OrganisationId = r }));
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <summary>Whether the audience sent would reach other organisations than the survey's (an open survey's form sends its audience back unchanged).</summary>
    private async Task<bool> RecipientsDifferAsync(Survey survey, SurveyChanges changes, CancellationToken cancellationToken)
    {
        var problems = new List<ContentProblem>();
        var (audience, wanted) = await RecipientsAsync(problems, new SurveyInput(null, null, null, null, null, changes.Audience ?? survey.Audience, changes.Organisations), cancellationToken);
        if (problems.Count > 0 || audience != survey.Audience)
        {
            return true;
        }
        var now = await db.SurveyRecipients.AsNoTracking().Where(r => r.SurveyId == survey.Id).Select(r => r.OrganisationId).ToListAsync(cancellationToken);
        return !now.ToHashSet().SetEquals(wanted);
    }

    /// <summary>Opens a draft survey: invited organisations see it and may answer from its open date.</summary>
    public Task<Outcome<SurveyView>> OpenAsync(long id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, SurveyState.Draft, SurveyState.Open, s => s.ClosesOn < Today ? $"The survey's close date, {SurveyWindow.Date(s.ClosesOn)}, has passed: it cannot be opened." : null, cancellationToken);

    /// <summary>Closes an open survey before (or after) its close date: no more answers are taken.</summary>
    public Task<Outcome<SurveyView>> CloseAsync(long id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, SurveyState.Open, SurveyState.Closed, _ => null, cancellationToken);

    /// <summary>
    /// Publishes a closed survey's results (an open one once its close date has passed): the aggregates of the
    /// submitted responses with the benchmarks' suppression, the response rate, and the written answers of those who
    /// agreed with names removed; fewer than <see cref="MinimumRespondents"/> respondents publish no written answers.
    /// </summary>
    public async Task<Outcome<PublishedSurvey>> PublishAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!CanRun(Actor))
        {
            return CanWatch(Actor) || await db.Surveys.AnyAsync(s => s.Id == id && s.State == SurveyState.Published, cancellationToken)
                ? Refusal.Forbidden("Only a site administrator or a curator can publish a survey's results.")
                : NoSuchSurvey;
        }
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return NoSuchSurvey;
        }
        if (survey.State == SurveyState.Published)
        {
            return Refusal.Conflict($"The results of '{survey.Title}' were published on {survey.PublishedAt:d MMMM yyyy}; they are kept as they were.");
        }
        if (survey.State == SurveyState.Draft || survey.State == SurveyState.Open && Today <= survey.ClosesOn)
        {
            return Refusal.Conflict($"Close the survey '{survey.Title}' first: results are published once it takes no more answers.");
        }
        if (!(await templates.FindAsync(survey.TemplateId, cancellationToken)).Succeeded(out var template, out var refusal))
        {
            return refusal;
        }
        var results = await ComputeAsync(survey, template, cancellationToken);
        survey.State = SurveyState.Published;
        survey.PublishedAt = Now;
        survey.Results = JsonSerializer.Serialize(results, BenchmarkReleases.Json);
        survey.UpdatedAt = Now;
        survey.UpdatedBy = Actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        return new PublishedSurvey(survey, template.DisplayTitle, template, results);
    }

    /// <summary>A survey's published results; not found before publication (whoever asks).</summary>
    public async Task<Outcome<PublishedSurvey>> ResultsAsync(long id, CancellationToken cancellationToken = default)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null || await ViewAsync(survey, cancellationToken) is null)
        {
            return NoSuchSurvey;
        }
        if (survey.State != SurveyState.Published || survey.Results is null)
        {
            return Refusal.NotFound($"The results of '{survey.Title}' have not been published yet.");
        }
        var template = (await templates.FindAsync(survey.TemplateId, cancellationToken)).Succeeded(out var t, out _) ? t : null;
        return new PublishedSurvey(survey, template?.DisplayTitle ?? survey.TemplateId, template, JsonSerializer.Deserialize<SurveyResults>(survey.Results, BenchmarkReleases.Json)!);
    }

    /// <summary>
    /// Starts (or finds) an invited organisation's response: an assessment of the survey's template for its round,
    /// answered through the ordinary assessment pages. With <paramref name="publishWords"/>, records whether the
    /// organisation lets its written answers be published without names. Only while the survey takes answers;
    /// an organisation the survey was not sent to is told there is no such survey.
    /// </summary>
    public async Task<Outcome<SurveyInvitation>> RespondAsync(long id, string? slug, bool? publishWords = null, CancellationToken cancellationToken = default)
    {
        var survey = await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        var organisation = string.IsNullOrWhiteSpace(slug) ? null : await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug.Trim(), cancellationToken);
        if (survey is null || organisation is null || survey.State == SurveyState.Draft
            || !(Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null))
        {
            return NoSuchSurvey;
        }
        var recipient = await db.SurveyRecipients.FirstOrDefaultAsync(r => r.SurveyId == id && r.OrganisationId == organisation.Id, cancellationToken);
        if (recipient is null)
        {
            return Refusal.NotFound($"The survey '{survey.Title}' was not sent to {organisation.Name}.");
        }
        if (!AccessPolicy.CanContribute(Actor, organisation.Id))
        {
            return Refusal.Forbidden($"Only a contributor of {organisation.Name} can answer its surveys.");
        }
        if (SurveyWindow.Refusal(survey, Today) is { } closed)
        {
            return closed;
        }
        var response = await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.SurveyId == id && a.OrganisationId == organisation.Id, cancellationToken);
        if (response is null)
        {
            if (!(await templates.FindAsync(survey.TemplateId, cancellationToken)).Succeeded(out var template, out var refusal))
            {
                return refusal;
            }
            response = new Assessment
            {
                OrganisationId = organisation.Id,
                SurveyId = survey.Id,
                TemplateId = template.Id,
                TemplateVersion = template.Version,
                Period = survey.Period,
                CreatedAt = Now,
                CreatedById = Actor.PersonId,
                CreatedBy = Actor.Name,
                UpdatedAt = Now,
                UpdatedById = Actor.PersonId,
                UpdatedBy = Actor.Name,
            };
            db.Assessments.Add(response);
        }
        if (publishWords is { } agree && recipient.PublishWords != agree)
        {
            recipient.PublishWords = agree;
            recipient.ConsentAt = Now;
            recipient.ConsentBy = Actor.Name;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new SurveyInvitation(organisation, response, recipient.PublishWords, true);
    }

    /// <summary>The open surveys sent to an organisation that it has not submitted yet, for its members' assessments page.</summary>
    public async Task<IReadOnlyList<WaitingSurvey>> WaitingAsync(string slug, CancellationToken cancellationToken = default)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (organisation is null || !(Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null))
        {
            return [];
        }
        var today = Today;
        var surveys = await db.Surveys.AsNoTracking()
            .Where(s => s.State == SurveyState.Open && db.Set<SurveyRecipient>().Any(r => r.SurveyId == s.Id && r.OrganisationId == organisation.Id))
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var ids = surveys.Select(s => s.Id).ToList();
        var responses = await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == organisation.Id && a.SurveyId != null && ids.Contains(a.SurveyId.Value))
            .ToDictionaryAsync(a => a.SurveyId!.Value, cancellationToken);
        var waiting = new List<WaitingSurvey>();
        foreach (var survey in surveys.Where(s => s.ClosesOn >= today).OrderBy(s => s.ClosesOn))
        {
            var response = responses.GetValueOrDefault(survey.Id);
            if (response is null || response.State == WorkflowState.Draft)
            {
                waiting.Add(new WaitingSurvey(survey, await TemplateTitleAsync(survey, cancellationToken), response));
            }
        }
        return waiting;
    }

    /// <summary>The name of an audience for pages: everyone, a peer group, or chosen organisations.</summary>
    public string AudienceName(string audience) => audience switch
    {
        AllAudience => "All organisations",
        ChosenAudience => "Chosen organisations",
        _ => groups.Find(audience)?.Name ?? audience,
    };

    private async Task<SurveyView?> ViewAsync(Survey survey, CancellationToken cancellationToken)
    {
        var watching = CanWatch(Actor);
        var mine = Actor.Roles.Keys.ToList();
        var invited = survey.State == SurveyState.Draft || mine.Count == 0
            ? []
            : await db.SurveyRecipients.AsNoTracking().Where(r => r.SurveyId == survey.Id && mine.Contains(r.OrganisationId)).ToListAsync(cancellationToken);
        if (!watching && survey.State != SurveyState.Published && invited.Count == 0)
        {
            return null;
        }
        var invitations = new List<SurveyInvitation>();
        if (invited.Count > 0)
        {
            var ids = invited.Select(r => r.OrganisationId).ToList();
            var organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);
            var responses = await db.Assessments.AsNoTracking().Where(a => a.SurveyId == survey.Id && ids.Contains(a.OrganisationId)).ToDictionaryAsync(a => a.OrganisationId, cancellationToken);
            invitations.AddRange(invited.Select(r => new SurveyInvitation(organisations[r.OrganisationId], responses.GetValueOrDefault(r.OrganisationId), r.PublishWords,
                AccessPolicy.CanContribute(Actor, r.OrganisationId))).OrderBy(i => i.Organisation.Name, StringComparer.OrdinalIgnoreCase));
        }
        SurveyProgress? progress = null;
        if (watching)
        {
            var invitedCount = await db.SurveyRecipients.CountAsync(r => r.SurveyId == survey.Id, cancellationToken);
            var started = await db.Assessments.CountAsync(a => a.SurveyId == survey.Id, cancellationToken);
            var submitted = await db.Assessments.CountAsync(a => a.SurveyId == survey.Id && a.State != WorkflowState.Draft, cancellationToken);
            progress = new SurveyProgress(invitedCount, started, submitted);
        }
        var recipients = watching && survey.Audience == ChosenAudience
            ? await db.SurveyRecipients.AsNoTracking().Where(r => r.SurveyId == survey.Id)
                .Join(db.Set<Organisation>().AsNoTracking(), r => r.OrganisationId, o => o.Id, (r, o) => o.Slug).OrderBy(slug => slug).ToListAsync(cancellationToken)
            : [];
        return new SurveyView(survey, await TemplateTitleAsync(survey, cancellationToken), AudienceName(survey.Audience), SurveyWindow.IsTakingAnswers(survey, Today),
            CanRun(Actor), progress, invitations)
        {
            Recipients = recipients,
        };
    }

    private async Task<string> TemplateTitleAsync(Survey survey, CancellationToken cancellationToken) =>
        (await templates.FindAsync(survey.TemplateId, cancellationToken)).Succeeded(out var t, out _) ? t.DisplayTitle : survey.TemplateId;

    private async Task<Outcome<SurveyView>> MoveAsync(long id, SurveyState from, SurveyState to, Func<Survey, string?> check, CancellationToken cancellationToken)
    {
        if (!CanRun(Actor))
        {
            return CanWatch(Actor) ? Refusal.Forbidden("Only a site administrator or a curator can run a survey.") : NoSuchSurvey;
        }
        var survey = await db.Surveys.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (survey is null)
        {
            return NoSuchSurvey;
        }
        if (survey.State != from)
        {
            return Refusal.Conflict($"The survey '{survey.Title}' is {StateName(survey.State)}, so it cannot be {(to == SurveyState.Open ? "opened" : "closed")}.");
        }
        if (check(survey) is { } problem)
        {
            return Refusal.Conflict(problem);
        }
        survey.State = to;
        survey.UpdatedAt = Now;
        survey.UpdatedBy = Actor.Name;
        await db.SaveChangesAsync(cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    public static string StateName(SurveyState state) => state switch
    {
        SurveyState.Draft => "draft",
        SurveyState.Open => "open",
        SurveyState.Closed => "closed",
        _ => "published",
    };

    private async Task<(string Audience, IReadOnlyList<long> Recipients)> RecipientsAsync(List<ContentProblem> problems, SurveyInput input, CancellationToken cancellationToken)
    {
        var audience = string.IsNullOrWhiteSpace(input.Audience) ? AllAudience : input.Audience.Trim();
        var organisations = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Slug, o.PlaceCodes }).ToListAsync(cancellationToken);
        List<long> chosen;
        if (audience == AllAudience)
        {
            chosen = [.. organisations.Select(o => o.Id)];
        }
        else if (audience == ChosenAudience)
        {
            var slugs = (input.Organisations ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            var bySlug = organisations.ToDictionary(o => o.Slug, o => o.Id, StringComparer.Ordinal);
            foreach (var unknown in slugs.Where(s => !bySlug.ContainsKey(s)))
            {
                problems.Add(Problem("organisations", $"There is no organisation {InputLimits.Quote(unknown)}"));
            }
            chosen = [.. slugs.Where(bySlug.ContainsKey).Select(s => bySlug[s])];
            if (slugs.Count == 0)
            {
                problems.Add(Problem("organisations", "Choose at least one organisation to send the survey to"));
                return (audience, []);
            }
        }
        else if (groups.Find(audience) is { } group)
        {
            audience = group.Id;
            chosen = [.. organisations.Where(o => groups.GroupsOf(o.PlaceCodes.Length == 0 ? [] : o.PlaceCodes.Split(',')).Any(g => g.Id == group.Id)).Select(o => o.Id)];
        }
        else
        {
            problems.Add(Problem("audience", "Choose who to send the survey to: all organisations, a peer group or chosen organisations"));
            return (audience, []);
        }
        if (chosen.Count == 0 && problems.Count == 0)
        {
            problems.Add(Problem("audience", "No organisation is in that group yet: choose another audience"));
        }
        return (audience, chosen);
    }

    private async Task<SurveyResults> ComputeAsync(Survey survey, AssessmentTemplate template, CancellationToken cancellationToken)
    {
        var invited = await db.SurveyRecipients.AsNoTracking().Where(r => r.SurveyId == survey.Id).ToListAsync(cancellationToken);
        var responses = await db.Assessments.AsNoTracking().Where(a => a.SurveyId == survey.Id && a.State != WorkflowState.Draft)
            .Join(db.Set<Organisation>().AsNoTracking(), a => a.OrganisationId, o => o.Id, (a, o) => new { a.Id, Organisation = o })
            .ToListAsync(cancellationToken);
        var ids = responses.Select(r => r.Id).ToList();
        var answers = (await db.AssessmentAnswers.AsNoTracking().Where(a => ids.Contains(a.AssessmentId)).ToListAsync(cancellationToken)).ToLookup(a => a.AssessmentId);
        var contributions = responses.OrderBy(r => r.Organisation.Id)
            .Select(r => new BenchmarkContribution(r.Organisation.Id, r.Organisation.Places, OptedInContributions.Levels(OrganisationAssessments.AnswerSetOf(template, answers[r.Id]).Answers)))
            .ToList();
        var statistics = BenchmarkEngine.Compute(template, survey.Period, contributions, groups);

        var withheld = responses.Count < MinimumRespondents;
        var words = new List<SurveyWordsAnswer>();
        var inWords = template.Questions.Where(q => q.InWords).ToList();
        if (!withheld && inWords.Count > 0)
        {
            var agreed = invited.Where(r => r.PublishWords == true).Select(r => r.OrganisationId).ToHashSet();
            var texts = inWords.ToDictionary(q => q.Id, _ => new List<string>(), StringComparer.Ordinal);
            foreach (var response in responses.Where(r => agreed.Contains(r.Organisation.Id)))
            {
                var people = await db.Memberships.AsNoTracking().Where(m => m.OrganisationId == response.Organisation.Id)
                    .Join(db.Set<Person>().AsNoTracking(), m => m.PersonId, p => p.Id, (m, p) => p.DisplayName).ToListAsync(cancellationToken);
                var given = answers[response.Id].ToList();
                var redaction = new SurveyWords(response.Organisation.Name,
                    response.Organisation.Places.Select(places.Find).OfType<Place>().Select(p => p.Name),
                    people.Concat(given.Select(a => a.UpdatedBy)));
                foreach (var answer in given.Where(a => texts.ContainsKey(a.QuestionId) && !string.IsNullOrWhiteSpace(a.Text)))
                {
                    texts[answer.QuestionId].Add(redaction.Redact(answer.Text!));
                }
            }
            // Sorted, so the order says nothing of who answered.
            words.AddRange(inWords.Select(q => new SurveyWordsAnswer(q.Id, q.Text, [.. texts[q.Id].Order(StringComparer.Ordinal)])));
        }
        return new SurveyResults(invited.Count, responses.Count, statistics, withheld, words);
    }

    private static DateOnly? Date(List<ContentProblem> problems, string field, string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(Problem(field, $"Enter the date {what}"));
            return null;
        }
        if (DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        problems.Add(Problem(field, $"Enter the date {what} as a real date, for example 2027-01-31"));
        return null;
    }

    private static Refusal NoSuchSurvey => Refusal.NotFound("There is no such survey.");

    private static ContentProblem Problem(string field, string message) => new("", 0, 0, field, message);
}
