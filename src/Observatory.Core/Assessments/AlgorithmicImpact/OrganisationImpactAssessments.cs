using Microsoft.EntityFrameworkCore;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Outcomes;
using Observatory.Storage;

namespace Observatory.Assessments.AlgorithmicImpact;

/// <summary>
/// An organisation's impact assessment as a member sees it: its answers, the score they give now (kept once it is
/// completed), and whether the actor may change it.
/// </summary>
public sealed record ImpactAssessmentView(ImpactAssessmentRecord Assessment, Organisation Organisation, IReadOnlyDictionary<string, ImpactAnswer> Answers, ImpactScore Score, bool MayContribute)
{
    /// <summary>Whether the actor may change the answers now: a contributor, while it is a draft.</summary>
    public bool CanEdit => MayContribute && !Assessment.IsCompleted;
}

public sealed record OrganisationImpactAssessmentList(Organisation Organisation, IReadOnlyList<ImpactAssessmentRecord> Assessments, bool CanStart);

/// <summary>
/// Organisations' own Algorithmic Impact Assessments, one per system: started with the system's name, answered over
/// several sittings (on the page, over the API, or by importing a file saved from Canada's tool), and completed, when
/// the answers are fixed and the score — raw, mitigation, current and level I–IV, by Canada's rule in
/// <see cref="AlgorithmicImpactScoring"/> — is kept. Private to the organisation: its members read, its contributors
/// write, and anyone else is told it does not exist. Every write is in the audit log.
/// </summary>
public sealed class OrganisationImpactAssessments(ObservatoryDbContext db, AlgorithmicImpactAssessment aia, CurrentActor current, TimeProvider clock)
{
    private static readonly Refusal NoSuchAssessment = Refusal.NotFound("There is no impact assessment with that number that you can see.");

    private Actor Actor => current.Actor;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public AlgorithmicImpactTemplate Template => aia.Template;

    public async Task<Outcome<OrganisationImpactAssessmentList>> ListAsync(string slug, CancellationToken cancellationToken = default)
    {
        if (!(await MemberOfAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        var list = await db.ImpactAssessments.AsNoTracking().Where(a => a.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
        return new OrganisationImpactAssessmentList(organisation,
            [.. list.OrderByDescending(a => a.UpdatedAt).ThenByDescending(a => a.Id)], AccessPolicy.CanContribute(Actor, organisation.Id));
    }

    /// <summary>Starts a draft assessment of the system named <paramref name="name"/>, with <paramref name="answers"/> if given (all checked first).</summary>
    public async Task<Outcome<ImpactAssessmentView>> StartAsync(string slug, string? name, IReadOnlyDictionary<string, ImpactAnswer?>? answers = null, CancellationToken cancellationToken = default)
    {
        if (!(await MemberOfAsync(slug, cancellationToken)).Succeeded(out var organisation, out var refusal))
        {
            return refusal;
        }
        if (!AccessPolicy.CanContribute(Actor, organisation.Id))
        {
            return Refusal.Forbidden($"Only a contributor of {organisation.Name} can start an impact assessment.");
        }
        name = name?.Trim() ?? "";
        var problems = new List<ContentProblem>();
        if (name.Length == 0)
        {
            problems.Add(new ContentProblem("", 0, 0, "name", "Enter the name of the system you are assessing"));
        }
        else if (name.Length > ImpactAssessmentRecord.MaxNameLength)
        {
            problems.Add(new ContentProblem("", 0, 0, "name", $"The name must be {ImpactAssessmentRecord.MaxNameLength} characters or fewer"));
        }
        IReadOnlyDictionary<string, ImpactAnswer> read = new Dictionary<string, ImpactAnswer>();
        if (answers is not null)
        {
            if (AlgorithmicImpactScoring.Read(aia.Template, answers).Succeeded(out var given, out var invalid))
            {
                read = given;
            }
            else
            {
                problems.AddRange(invalid.Problems);
            }
        }
        if (problems.Count > 0)
        {
            return Refusal.Invalid(problems);
        }
        var record = new ImpactAssessmentRecord
        {
            OrganisationId = organisation.Id,
            Name = name,
            TemplateVersion = aia.Template.Version,
            Answers = ImpactAssessmentRecord.Serialise(read),
            CreatedAt = Now,
            CreatedBy = Actor.Name,
            UpdatedAt = Now,
            UpdatedBy = Actor.Name,
        };
        db.ImpactAssessments.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        return View(record, organisation);
    }

    public async Task<Outcome<ImpactAssessmentView>> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var record = await db.ImpactAssessments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (record is null || !(Actor.IsSiteAdministrator || Actor.RoleIn(record.OrganisationId) is not null))
        {
            return NoSuchAssessment;
        }
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Id == record.OrganisationId, cancellationToken);
        return View(record, organisation);
    }

    /// <summary>
    /// Saves answers to a draft, all checked against the questionnaire first (nothing is saved if one is wrong; each
    /// problem names its question, <c>answers.{name}</c>). With <paramref name="replace"/> the answers given are the
    /// whole assessment (an imported file); otherwise each replaces the stored answer to its question, a null clears
    /// one, and questions not sent are left as they were.
    /// </summary>
    public async Task<Outcome<ImpactAssessmentView>> SaveAsync(long id, IReadOnlyDictionary<string, ImpactAnswer?> answers, bool replace = false, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(id, cancellationToken)).Succeeded(out var view, out var refusal))
        {
            return refusal;
        }
        if (!AlgorithmicImpactScoring.Read(aia.Template, answers).Succeeded(out var read, out var invalid))
        {
            return invalid;
        }
        var merged = replace ? new Dictionary<string, ImpactAnswer>(StringComparer.Ordinal) : new Dictionary<string, ImpactAnswer>(view.Answers, StringComparer.Ordinal);
        foreach (var name in answers.Keys)
        {
            merged.Remove(name);
        }
        foreach (var (name, answer) in read)
        {
            merged[name] = answer;
        }
        var record = await db.ImpactAssessments.FirstAsync(a => a.Id == id, cancellationToken);
        var serialised = ImpactAssessmentRecord.Serialise(merged);
        if (record.Answers != serialised)
        {
            record.Answers = serialised;
            record.TemplateVersion = aia.Template.Version;
            Touch(record);
            await db.SaveChangesAsync(cancellationToken);
        }
        return View(record, view.Organisation);
    }

    /// <summary>
    /// Imports a file into a draft, all or nothing: a file saved from Canada's tool (<c>{currentPage, data}</c>)
    /// replaces every answer; the Observatory's <c>{answers}</c> changes only the questions it names. Every problem
    /// names the file, the line and the question.
    /// </summary>
    public async Task<Outcome<ImpactAssessmentView>> ImportAsync(long id, string file, string text, CancellationToken cancellationToken = default)
    {
        // Outsiders learn nothing from a file's problems: who may write is asked first.
        if (!(await WritableAsync(id, cancellationToken)).Succeeded(out _, out var refusal))
        {
            return refusal;
        }
        if (!ImpactAnswerFiles.Read(file, text).Succeeded(out var read, out var unreadable))
        {
            return unreadable;
        }
        if (!(await SaveAsync(id, read.Answers, replace: read.IsWhole, cancellationToken)).Succeeded(out var saved, out var invalid))
        {
            return read.Locate(invalid);
        }
        return saved;
    }

    /// <summary>
    /// Completes a draft: its score is worked out and kept with it, and its answers are fixed. Refused while no
    /// question about the system's impact is answered, since the level would say nothing.
    /// </summary>
    public async Task<Outcome<ImpactAssessmentView>> CompleteAsync(long id, CancellationToken cancellationToken = default)
    {
        if (!(await WritableAsync(id, cancellationToken)).Succeeded(out var view, out var refusal))
        {
            return refusal;
        }
        if (!view.Answers.Keys.Any(n => aia.Template.Question(n) is { IsScored: true, ScoreType: ImpactScoreType.Risk }))
        {
            return Refusal.Invalid("answers", "Answer the questions about the system's impact before completing the assessment");
        }
        var record = await db.ImpactAssessments.FirstAsync(a => a.Id == id, cancellationToken);
        var score = view.Score;
        record.State = WorkflowState.Submitted;
        record.RawScore = score.RawScore;
        record.MitigationScore = score.MitigationScore;
        record.CurrentScore = score.CurrentScore;
        record.ImpactLevel = score.ImpactLevel;
        record.CompletedAt = Now;
        record.CompletedBy = Actor.Name;
        Touch(record);
        await db.SaveChangesAsync(cancellationToken);
        return View(record, view.Organisation);
    }

    /// <summary>
    /// The score of the answers. A completed assessment gives the score kept when it was completed, so a later edition
    /// of the questionnaire does not change a level already reported; a draft is scored as it stands.
    /// </summary>
    private ImpactAssessmentView View(ImpactAssessmentRecord record, Organisation organisation)
    {
        var answers = record.AnswerSet();
        var scored = AlgorithmicImpactScoring.Score(aia.Template, answers.Where(a => aia.Template.Question(a.Key) is not null).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal));
        if (record.IsCompleted && record.RawScore is { } raw && record.MitigationScore is { } mitigation && record.ImpactLevel is { } level && record.CurrentScore is { } currentScore)
        {
            scored = scored with
            {
                RawScore = raw,
                MitigationScore = mitigation,
                CurrentScore = currentScore,
                ImpactLevel = level,
                Obligations = [.. aia.Template.Requirements.Select(r => new ImpactObligation(r.Title, r.ByLevel[level - 1]))],
            };
        }
        return new ImpactAssessmentView(record, organisation, answers, scored, AccessPolicy.CanContribute(Actor, organisation.Id));
    }

    /// <summary>A draft the actor may change: not found if they may not see it, forbidden if they only read, a conflict once completed.</summary>
    private async Task<Outcome<ImpactAssessmentView>> WritableAsync(long id, CancellationToken cancellationToken)
    {
        if (!(await GetAsync(id, cancellationToken)).Succeeded(out var view, out var refusal))
        {
            return refusal;
        }
        if (!view.MayContribute)
        {
            return Refusal.Forbidden($"Only a contributor of {view.Organisation.Name} can change its impact assessment.");
        }
        if (view.Assessment.IsCompleted)
        {
            return Refusal.Conflict($"This impact assessment was completed on {view.Assessment.CompletedAt:d MMMM yyyy}; its answers are fixed. Start a new one to assess the system again.");
        }
        return view;
    }

    private async Task<Outcome<Organisation>> MemberOfAsync(string slug, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        // Outsiders are not told which organisations assess their systems.
        return organisation is not null && (Actor.IsSiteAdministrator || Actor.RoleIn(organisation.Id) is not null)
            ? organisation
            : Refusal.NotFound($"There is no organisation '{slug}' whose impact assessments you can see.");
    }

    private void Touch(ImpactAssessmentRecord record)
    {
        record.UpdatedAt = Now;
        record.UpdatedBy = Actor.Name;
    }
}
