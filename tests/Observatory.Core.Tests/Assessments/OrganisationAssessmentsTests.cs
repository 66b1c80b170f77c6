using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Auditing;
using Observatory.Outcomes;
using Observatory.Storage;
using Observatory.Testing;
using Shouldly;
using Xunit;

namespace Observatory.Core.Tests.Assessments;

/// <summary>
/// An organisation assessing itself, on a real database: starting, answering over sittings, submitting, copying a
/// year forward, giving sections to colleagues and opting into benchmarks — and who may do which.
/// </summary>
public abstract class OrganisationAssessmentsTests(TestProvider provider) : IAsyncLifetime
{
    private static readonly TokenScopes Both = TokenScopes.Read | TokenScopes.Write;
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private Organisation _wigan = null!;
    private Organisation _bolton = null!;
    private Actor _contributor = null!;
    private Actor _readOnlyContributor = null!;
    private Actor _viewer = null!;
    private Actor _outsider = null!;
    private long _viewerId;
    private long _colleagueId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.For(_database, new TestClock(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero)));
        await CoreServices.PrepareAsync(_services, shippedData: false);
        await using var db = _database.CreateContext();
        _wigan = new Organisation { Slug = "wigan-council", Name = "Wigan Council", Kind = OrganisationKind.Council, PlaceCodes = "E08000010" };
        _bolton = new Organisation { Slug = "bolton-council", Name = "Bolton Council", Kind = OrganisationKind.Council, PlaceCodes = "E08000001" };
        var sam = new Person { Email = "sam@wigan.gov.uk", DisplayName = "Sam" };
        var kim = new Person { Email = "kim@wigan.gov.uk", DisplayName = "Kim" };
        var vic = new Person { Email = "vic@wigan.gov.uk", DisplayName = "Vic" };
        var bo = new Person { Email = "bo@bolton.gov.uk", DisplayName = "Bo" };
        db.AddRange(_wigan, _bolton, sam, kim, vic, bo);
        await db.SaveChangesAsync();
        db.Memberships.AddRange(
            new Membership { OrganisationId = _wigan.Id, PersonId = sam.Id, Role = Role.Contributor },
            new Membership { OrganisationId = _wigan.Id, PersonId = kim.Id, Role = Role.Approver },
            new Membership { OrganisationId = _wigan.Id, PersonId = vic.Id, Role = Role.Viewer },
            new Membership { OrganisationId = _bolton.Id, PersonId = bo.Id, Role = Role.OrganisationAdmin });
        await db.SaveChangesAsync();
        _contributor = new Actor(sam.Id, "Sam", false, new Dictionary<long, Role> { [_wigan.Id] = Role.Contributor }, Both);
        _readOnlyContributor = _contributor with { Scopes = TokenScopes.Read };
        _viewer = new Actor(vic.Id, "Vic", false, new Dictionary<long, Role> { [_wigan.Id] = Role.Viewer }, Both);
        _outsider = new Actor(bo.Id, "Bo", false, new Dictionary<long, Role> { [_bolton.Id] = Role.OrganisationAdmin }, Both);
        (_viewerId, _colleagueId) = (vic.Id, kim.Id);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<T> As<T>(Actor actor, Func<OrganisationAssessments, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actor;
        return await action(scope.ServiceProvider.GetRequiredService<OrganisationAssessments>());
    }

    private AssessmentTemplate DigitalMaturity => _services.GetRequiredService<AssessmentCatalogue>().Find("digital-maturity")!;

    /// <summary>Every question of the digital maturity template answered at <paramref name="level"/>, except those given.</summary>
    private List<AnswerInput> AllAt(int level, params (string Question, int Level)[] except) =>
        [.. DigitalMaturity.Questions.Select(q => new AnswerInput(q.Id, (except.FirstOrDefault(e => e.Question == q.Id) is { Question: not null } e ? e.Level : level).ToString(System.Globalization.CultureInfo.InvariantCulture)))];

    private async Task<long> StartedAsync(string period = "2026/27", Organisation? organisation = null, Actor? actor = null) =>
        (await As(actor ?? _contributor, s => s.StartAsync((organisation ?? _wigan).Slug, "digital-maturity", period))).ShouldSucceed().Assessment.Id;

    [Fact]
    public async Task A_contributor_starts_answers_over_two_sittings_and_submits()
    {
        var started = await As(_contributor, s => s.StartAsync("wigan-council", "digital-maturity", " 2026/27 ")).ShouldSucceed();
        started.Assessment.State.ShouldBe(WorkflowState.Draft);
        started.Assessment.Visibility.ShouldBe(Visibility.Private);
        started.Assessment.TemplateVersion.ShouldBe(DigitalMaturity.Version);
        started.Assessment.Period.ShouldBe("2026/27");
        started.Assessment.CreatedBy.ShouldBe("Sam");
        started.Assessment.CreatedAt.ShouldBe(new DateTime(2026, 6, 1, 9, 0, 0, DateTimeKind.Utc));
        var id = started.Assessment.Id;

        var first = await As(_contributor, s => s.SaveAnswersAsync(id,
        [
            new AnswerInput("connectivity-coverage", "Learning", ["https://www.wigan.gov.uk/digital-strategy", " "], "Strategy adopted 2025", "high", "peer", "4", "Map every not-spot by March"),
            new AnswerInput("data-use", "2"),
        ])).ShouldSucceed();
        first.Answered.ShouldBe(2);
        var coverage = first.AnswerTo("connectivity-coverage")!;
        (coverage.Level, coverage.Note, coverage.Confidence, coverage.Method, coverage.TargetLevel, coverage.Action)
            .ShouldBe((3, "Strategy adopted 2025", AnswerConfidence.High, AssessmentMethod.Peer, 4, "Map every not-spot by March"));
        coverage.Links.ShouldBe(["https://www.wigan.gov.uk/digital-strategy"], "the blank link is dropped");

        // The second sitting changes one answer and leaves the other as it was.
        await As(_contributor, s => s.SaveAnswersAsync(id, AllAt(4, ("data-use", 1)).Where(a => a.QuestionId != "connectivity-coverage").ToList())).ShouldSucceed();
        var record = await As(_viewer, s => s.GetAsync(id)).ShouldSucceed();
        record.Answered.ShouldBe(DigitalMaturity.QuestionCount);
        record.AnswerTo("connectivity-coverage")!.Note.ShouldBe("Strategy adopted 2025");
        record.AnswerTo("data-use")!.Level.ShouldBe(1);
        record.CanEdit.ShouldBeFalse("a viewer reads only");

        var submitted = await As(_contributor, s => s.SubmitAsync(id)).ShouldSucceed();
        submitted.Assessment.State.ShouldBe(WorkflowState.Submitted);
        submitted.Assessment.SubmittedBy.ShouldBe("Sam");
        (await As(_contributor, s => s.SubmitAsync(id))).ShouldBeRefused(RefusalKind.Conflict, message: "submitted");
        (await As(_contributor, s => s.SaveAnswersAsync(id, [new AnswerInput("data-use", "5")]))).ShouldBeRefused(RefusalKind.Conflict);

        var results = await As(_viewer, s => s.ResultsAsync(id)).ShouldSucceed();
        results.Score.Overall.WeakestLink.ShouldBe(1);
        results.Score.Topics.Single(t => t.Id == "data").WeakestLink.ShouldBe(1);
        results.Score.Topics.Single(t => t.Id == "connectivity").WeakestLink.ShouldBe(3);
        results.Previous.ShouldBeNull();

        await using var db = _database.CreateContext();
        var audit = await db.AuditEntries.Where(e => e.OrganisationId == _wigan.Id).ToListAsync();
        audit.ShouldContain(e => e.EntityType == nameof(Assessment) && e.Action == "created" && e.ActorName == "Sam");
        audit.Count(e => e.EntityType == nameof(AssessmentAnswer)).ShouldBeGreaterThanOrEqualTo(DigitalMaturity.QuestionCount);
    }

    [Fact]
    public async Task Answers_are_checked_in_one_pass_each_problem_names_its_question_and_nothing_is_saved()
    {
        var id = await StartedAsync();

        var refused = (await As(_contributor, s => s.SaveAnswersAsync(id,
        [
            new AnswerInput("data-use", "3", Note: "a good answer, not saved because others are wrong"),
            new AnswerInput("no-such-question", "3"),
            new AnswerInput("connectivity-coverage", "6"),
            new AnswerInput("democracy-transparency", "partly"),
            new AnswerInput("value-spend", "2", ["javascript:alert(1)", "www.example.org"]),
            new AnswerInput("ethics-oversight", "2", Confidence: "certain", Method: "guess", Target: "9"),
            new AnswerInput("leadership-strategy", "2", Note: new string('x', AssessmentAnswer.MaxNoteLength + 1)),
        ]))).ShouldBeRefused(RefusalKind.Invalid);

        refused.Problems.Select(p => p.Field).Order().ShouldBe(
        [
            "answers.connectivity-coverage",
            "answers.democracy-transparency",
            "answers.ethics-oversight.confidence",
            "answers.ethics-oversight.method",
            "answers.ethics-oversight.target",
            "answers.leadership-strategy.note",
            "answers.no-such-question",
            "answers.value-spend.evidence",
            "answers.value-spend.evidence",
        ]);
        refused.Problems.Single(p => p.Field == "answers.connectivity-coverage").Message.ShouldContain("'6' is not on the scale");
        refused.Problems.Single(p => p.Field == "answers.no-such-question").Message.ShouldContain("is not a question of the template 'digital-maturity'");
        await using var db = _database.CreateContext();
        (await db.AssessmentAnswers.CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Submitting_names_every_unanswered_question_and_changes_nothing()
    {
        var id = await StartedAsync();
        await As(_contributor, s => s.SaveAnswersAsync(id, AllAt(3).Where(a => a.QuestionId is not ("data-use" or "value-spend")).ToList())).ShouldSucceed();

        var refused = (await As(_contributor, s => s.SubmitAsync(id))).ShouldBeRefused(RefusalKind.Invalid);

        refused.Problems.Select(p => p.Field).ShouldBe(["answers.data-use", "answers.value-spend"]);
        (await As(_contributor, s => s.GetAsync(id))).ShouldSucceed().Assessment.State.ShouldBe(WorkflowState.Draft);
    }

    [Fact]
    public async Task Viewers_read_outsiders_are_told_nothing_and_a_read_only_token_cannot_write()
    {
        var id = await StartedAsync();
        await As(_contributor, s => s.SaveAnswersAsync(id, [new AnswerInput("data-use", "3")])).ShouldSucceed();

        (await As(_viewer, s => s.GetAsync(id))).ShouldSucceed();
        (await As(_viewer, s => s.ListAsync("wigan-council"))).ShouldSucceed().CanStart.ShouldBeFalse();
        (await As(_viewer, s => s.SaveAnswersAsync(id, [new AnswerInput("data-use", "5")]))).ShouldBeRefused(RefusalKind.Forbidden);
        (await As(_viewer, s => s.StartAsync("wigan-council", "digital-maturity", "2027/28"))).ShouldBeRefused(RefusalKind.Forbidden);
        (await As(_readOnlyContributor, s => s.SaveAnswersAsync(id, [new AnswerInput("data-use", "5")]))).ShouldBeRefused(RefusalKind.Forbidden);
        (await As(_readOnlyContributor, s => s.SubmitAsync(id))).ShouldBeRefused(RefusalKind.Forbidden);

        foreach (var actor in new[] { _outsider, Actor.Anonymous })
        {
            (await As(actor, s => s.GetAsync(id))).ShouldBeRefused(RefusalKind.NotFound);
            (await As(actor, s => s.ResultsAsync(id))).ShouldBeRefused(RefusalKind.NotFound);
            (await As(actor, s => s.ListAsync("wigan-council"))).ShouldBeRefused(RefusalKind.NotFound);
            (await As(actor, s => s.StartAsync("wigan-council", "digital-maturity", "2027/28"))).ShouldBeRefused(RefusalKind.NotFound);
            (await As(actor, s => s.SaveAnswersAsync(id, [new AnswerInput("data-use", "5")]))).ShouldBeRefused(RefusalKind.NotFound);
            (await As(actor, s => s.SubmitAsync(id))).ShouldBeRefused(RefusalKind.NotFound);
            (await As(actor, s => s.SetBenchmarkingAsync(id, true))).ShouldBeRefused(RefusalKind.NotFound);
            (await As(actor, s => s.AssignAsync(id, "data", _colleagueId))).ShouldBeRefused(RefusalKind.NotFound);
        }
        (await As(_outsider, s => s.ListAsync("bolton-council"))).ShouldSucceed().Assessments.ShouldBeEmpty();
        (await As(_contributor, s => s.GetAsync(id))).ShouldSucceed().AnswerTo("data-use")!.Level.ShouldBe(3);
    }

    [Fact]
    public async Task One_assessment_of_a_template_per_year_and_the_year_and_template_are_checked()
    {
        await StartedAsync("2026/27");

        (await As(_contributor, s => s.StartAsync("wigan-council", "digital-maturity", "2026/27"))).ShouldBeRefused(RefusalKind.Conflict, field: "period");
        var refused = (await As(_contributor, s => s.StartAsync("wigan-council", "no-such-template", "2026/28"))).ShouldBeRefused(RefusalKind.Invalid);
        refused.Problems.Select(p => p.Field).ShouldBe(["templateId", "period"]);
        (await As(_contributor, s => s.StartAsync("wigan-council", "digital-maturity", "2026"))).ShouldBeRefused(RefusalKind.Invalid, field: "period");
        (await As(_contributor, s => s.StartAsync("wigan-council", "digital-maturity", "2099/00"))).ShouldSucceed();
        (await As(_contributor, s => s.StartAsync("wigan-council", "digital-maturity", "2027/28", copyForward: false))).ShouldSucceed();
        (await As(_contributor, s => s.StartAsync("wigan-council", "local-digital-capital", "2020/21", copyForward: true))).ShouldBeRefused(RefusalKind.Invalid, field: "copyForward");
    }

    [Fact]
    public async Task Last_years_answers_are_copied_forward_and_the_results_show_the_change()
    {
        var lastYear = await StartedAsync("2025/26");
        await As(_contributor, s => s.SaveAnswersAsync(lastYear, [.. AllAt(2, ("data-use", 1)).Select(a => a with { Note = $"evidence for {a.QuestionId}", Target = "4" })])).ShouldSucceed();
        await As(_contributor, s => s.SubmitAsync(lastYear)).ShouldSucceed();

        var thisYear = await As(_contributor, s => s.StartAsync("wigan-council", "digital-maturity", "2026/27", copyForward: true)).ShouldSucceed();
        thisYear.Assessment.CopiedFromId.ShouldBe(lastYear);
        thisYear.Assessment.State.ShouldBe(WorkflowState.Draft);
        thisYear.Answered.ShouldBe(DigitalMaturity.QuestionCount);
        thisYear.AnswerTo("value-spend")!.Note.ShouldBe("evidence for value-spend");
        thisYear.AnswerTo("value-spend")!.TargetLevel.ShouldBe(4);

        await As(_contributor, s => s.SaveAnswersAsync(thisYear.Assessment.Id, [new AnswerInput("data-use", "3"), new AnswerInput("data-standards", "4")])).ShouldSucceed();
        var results = await As(_viewer, s => s.ResultsAsync(thisYear.Assessment.Id)).ShouldSucceed();

        results.Previous!.Period.ShouldBe("2025/26");
        results.PreviousScore!.Topics.Single(t => t.Id == "data").WeakestLink.ShouldBe(1);
        results.Score.Topics.Single(t => t.Id == "data").WeakestLink.ShouldBe(3);
        results.PreviousScore.Overall.WeakestLink.ShouldBe(1);
        results.Score.Overall.WeakestLink.ShouldBe(2);
        results.PreviousAnswers["data-use"].Level.ShouldBe(1);
        // Last year's answers are untouched by this year's changes.
        (await As(_viewer, s => s.GetAsync(lastYear))).ShouldSucceed().AnswerTo("data-use")!.Level.ShouldBe(1);
    }

    [Fact]
    public async Task A_section_is_given_to_a_member_who_can_contribute_and_they_see_it_is_theirs()
    {
        var id = await StartedAsync();

        (await As(_contributor, s => s.AssignAsync(id, "data", _viewerId))).ShouldBeRefused(RefusalKind.Invalid, field: "personId");
        (await As(_contributor, s => s.AssignAsync(id, "no-such-section", _colleagueId))).ShouldBeRefused(RefusalKind.NotFound);
        var assigned = await As(_contributor, s => s.AssignAsync(id, "data", _colleagueId)).ShouldSucceed();
        assigned.AssigneeOf("data")!.Name.ShouldBe("Kim");
        (await As(_contributor, s => s.AssignableAsync(id))).ShouldSucceed().Select(p => p.Name).ShouldBe(["Kim", "Sam"]);

        var colleague = new Actor(_colleagueId, "Kim", false, new Dictionary<long, Role> { [_wigan.Id] = Role.Approver }, Both);
        (await As(colleague, s => s.ListAsync("wigan-council"))).ShouldSucceed().Assessments.Single().SectionsAssignedToYou.ShouldBe(["Data"]);
        (await As(_contributor, s => s.ListAsync("wigan-council"))).ShouldSucceed().Assessments.Single().SectionsAssignedToYou.ShouldBeEmpty();

        (await As(_contributor, s => s.AssignAsync(id, "data", null))).ShouldSucceed().AssigneeOf("data").ShouldBeNull();
    }

    [Fact]
    public async Task Only_submitted_assessments_opted_into_benchmarking_contribute()
    {
        var wigan = await StartedAsync();
        (await As(_contributor, s => s.SetBenchmarkingAsync(wigan, true))).ShouldBeRefused(RefusalKind.Conflict, message: "Submit the assessment first");
        await As(_contributor, s => s.SaveAnswersAsync(wigan, AllAt(3, ("data-use", 5)))).ShouldSucceed();
        await As(_contributor, s => s.SubmitAsync(wigan)).ShouldSucceed();
        (await As(_viewer, s => s.SetBenchmarkingAsync(wigan, true))).ShouldBeRefused(RefusalKind.Forbidden);
        (await As(_contributor, s => s.SetBenchmarkingAsync(wigan, true))).ShouldSucceed().Assessment.Benchmarking.ShouldBeTrue();

        // Bolton submits too but does not opt in; its draft for another year does not count either.
        var boltonActor = _outsider;
        var bolton = await StartedAsync(organisation: _bolton, actor: boltonActor);
        await As(boltonActor, s => s.SaveAnswersAsync(bolton, AllAt(2))).ShouldSucceed();
        await As(boltonActor, s => s.SubmitAsync(bolton)).ShouldSucceed();

        var contributions = await As(Actor.System("benchmarks"), s => s.BenchmarkContributionsAsync("digital-maturity", "2026/27"));

        var only = contributions.ShouldHaveSingleItem();
        only.OrganisationId.ShouldBe(_wigan.Id);
        only.PlaceCodes.ShouldBe(["E08000010"]);
        only.Answers.Count.ShouldBe(DigitalMaturity.QuestionCount);
        only.Answers["data-use"].Level.ShouldBe(5);
        (await As(Actor.System("benchmarks"), s => s.BenchmarkContributionsAsync("digital-maturity", "2025/26"))).ShouldBeEmpty();

        await As(_contributor, s => s.SetBenchmarkingAsync(wigan, false)).ShouldSucceed();
        (await As(Actor.System("benchmarks"), s => s.BenchmarkContributionsAsync("digital-maturity", "2026/27"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Checklist_answers_are_stored_as_the_template_reads_them()
    {
        var id = (await As(_contributor, s => s.StartAsync("wigan-council", "local-digital-capital", "2026/27"))).ShouldSucceed().Assessment.Id;
        var template = _services.GetRequiredService<AssessmentCatalogue>().Find("local-digital-capital")!;
        var first = template.Questions.First().Id;

        (await As(_contributor, s => s.SaveAnswersAsync(id, [new AnswerInput(first, "3")]))).ShouldBeRefused(RefusalKind.Invalid, field: $"answers.{first}");
        (await As(_contributor, s => s.SaveAnswersAsync(id, [new AnswerInput(first, "yes", Target: "2")]))).ShouldBeRefused(RefusalKind.Invalid, field: $"answers.{first}.target");
        var saved = await As(_contributor, s => s.SaveAnswersAsync(id, [new AnswerInput(first, "Not applicable")])).ShouldSucceed();

        saved.AnswerTo(first)!.Choice.ShouldBe("not-applicable");
        saved.AnswerTo(first)!.Answer.ShouldBe(new Answer(null, ChecklistAnswer.NotApplicable, null));
    }
}

public sealed class OrganisationAssessmentsOnSqliteTests() : OrganisationAssessmentsTests(TestProvider.Sqlite);

[Trait("Database", "PostgreSQL")]
public sealed class OrganisationAssessmentsOnPostgreSqlTests() : OrganisationAssessmentsTests(TestProvider.PostgreSql);
