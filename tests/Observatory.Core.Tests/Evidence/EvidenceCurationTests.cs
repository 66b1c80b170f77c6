using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Content;
using Observatory.Evidence;
using Observatory.Outcomes;
using Observatory.Storage;
using Observatory.Testing;
using Shouldly;
using Xunit;

namespace Observatory.Core.Tests.Evidence;

/// <summary>Submit, edit, review, publish, return, withdraw, report a problem and import, on a real database.</summary>
public abstract class EvidenceCurationTests(TestProvider provider) : IAsyncLifetime
{
    private static readonly TokenScopes Both = TokenScopes.Read | TokenScopes.Write;
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private long _orgId;
    private Actor _contributor = null!;
    private Actor _outsider = null!;
    private Actor _curator = null!;
    private Actor _admin = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.For(_database);
        await CoreServices.PrepareAsync(_services, shippedData: false);
        await using (var scope = _services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
            await new EvidenceSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
        }
        await using var db = _database.CreateContext();
        var org = new Organisation { Slug = "wigan-council", Name = "Wigan Council", Kind = OrganisationKind.Council, PlaceCodes = "E08000010" };
        var sam = new Person { Email = "sam@wigan.gov.uk", DisplayName = "Sam" };
        var olu = new Person { Email = "olu@example.org", DisplayName = "Olu" };
        var cat = new Person { Email = "cat@socitm.net", DisplayName = "Cat", IsCurator = true };
        var ada = new Person { Email = "ada@socitm.net", DisplayName = "Ada", IsSiteAdministrator = true };
        db.AddRange(org, sam, olu, cat, ada);
        await db.SaveChangesAsync();
        db.Memberships.Add(new Membership { OrganisationId = org.Id, PersonId = sam.Id, Role = Role.Contributor });
        await db.SaveChangesAsync();
        _orgId = org.Id;
        _contributor = new Actor(sam.Id, "Sam", false, new Dictionary<long, Role> { [org.Id] = Role.Contributor }, Both);
        _outsider = new Actor(olu.Id, "Olu", false, new Dictionary<long, Role>(), Both);
        _curator = new Actor(cat.Id, "Cat", false, new Dictionary<long, Role>(), Both, IsCurator: true);
        _admin = new Actor(ada.Id, "Ada", true, new Dictionary<long, Role>(), Both);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static EvidenceItem Fields(string title = "Wigan community food hubs") => new()
    {
        Id = "",
        Title = title,
        Kind = EvidenceKind.CaseStudy,
        Summary = "  Community food hubs run with local charities.  ",
        Body = "What was done.\n\nWhat came of it.",
        Places = ["E08000010"],
        Organisations = ["Wigan Council", "The Brick"],
        Year = 2023,
        Links = [new("The hubs", "https://www.wigan.gov.uk/food")],
        Elements = [new("place-making", "food"), new("four-rs", "renew")],
        Strength = 2,
        Status = WhatWorksStatus.Promising,
    };

    private async Task<T> As<T>(Actor actor, Func<EvidenceCuration, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actor;
        return await action(scope.ServiceProvider.GetRequiredService<EvidenceCuration>());
    }

    private Task As(Actor actor, Func<EvidenceCuration, Task> action) => As<bool>(actor, async c =>
    {
        await action(c);
        return true;
    });

    private async Task<List<Observatory.Auditing.AuditEntry>> AuditOf(long itemId)
    {
        await using var db = _database.CreateContext();
        var id = itemId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(a => a.EntityType == nameof(EvidenceRecord) && a.EntityId == id).OrderBy(a => a.Id).ToListAsync();
    }

    private async Task<List<OutboxMessage>> Outbox()
    {
        await using var db = _database.CreateContext();
        return await db.OutboxMessages.OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task A_contribution_is_submitted_edited_returned_resubmitted_and_published_anonymously_with_every_version_and_audit_entry()
    {
        var submitted = await As(_contributor, c => c.SubmitAsync(_contributor, Fields(), _orgId, "From our recovery plan")).ShouldSucceed();
        submitted.Slug.ShouldBe("wigan-community-food-hubs");
        submitted.State.ShouldBe(WorkflowState.Submitted);
        submitted.Version.ShouldBe(1);
        submitted.Collection.ShouldBeNull();
        submitted.SubmittedById.ShouldBe(_contributor.PersonId);
        submitted.OrganisationId.ShouldBe(_orgId);
        submitted.Item.Summary.ShouldBe("Community food hubs run with local charities.", "trimmed, as a data file's text is");
        (await Outbox()).Select(m => m.To).ShouldBe(["cat@socitm.net", "ada@socitm.net"], ignoreOrder: true);

        // The same title again gets the next free id.
        (await As(_contributor, c => c.SubmitAsync(_contributor, Fields(), null, null)).ShouldSucceed()).Slug.ShouldBe("wigan-community-food-hubs-2");

        var queue = await As(_curator, c => c.QueueAsync(_curator)).ShouldSucceed();
        queue.Select(q => q.Slug).ShouldBe(["wigan-community-food-hubs", "wigan-community-food-hubs-2"]);
        queue[0].Submitter.ShouldBe("Sam");
        queue[0].Organisation.ShouldBe("Wigan Council");

        await As(_contributor, c => c.UpdateAsync(_contributor, submitted.Slug, Fields() with { Year = 2024 }, "The hubs opened in 2024")).ShouldSucceed();
        await As(_curator, c => c.ReturnAsync(_curator, submitted.Slug, "Please add a measured result.")).ShouldSucceed();
        (await Outbox()).Last().ShouldSatisfyAllConditions(
            m => m.To.ShouldBe("sam@wigan.gov.uk"),
            m => m.Body.ShouldContain("Please add a measured result."));
        await As(_contributor, c => c.UpdateAsync(_contributor, submitted.Slug, Fields() with { Year = 2024, Summary = "Hubs fed 3,000 families a week." }, "Added the result")).ShouldSucceed();
        var published = await As(_curator, c => c.PublishAsync(_curator, submitted.Slug, anonymous: true)).ShouldSucceed();

        published.State.ShouldBe(WorkflowState.Published);
        published.PublishedAt.ShouldNotBeNull();
        published.Anonymous.ShouldBeTrue();
        published.Item.Organisations.ShouldBe(["Wigan Council", "The Brick"], "kept for curators");
        published.Item.ShownOrganisations.ShouldBeEmpty();
        published.Version.ShouldBe(4);

        await using (var db = _database.CreateContext())
        {
            var versions = await db.EvidenceVersions.Where(v => v.ItemId == submitted.Id).OrderBy(v => v.Version).ToListAsync();
            versions.Select(v => v.Version).ShouldBe([1, 2, 3]);
            versions.Select(v => v.ChangedBy).ShouldBe(["Sam", "Sam", "Cat"]);
            versions.Select(v => v.Note).ShouldBe(["The hubs opened in 2024", "Added the result", "Published without organisation names"]);
            new EvidenceRecord { Slug = "", Title = "", Summary = "", Document = versions[0].Document }.Item.Year.ShouldBe(2023);
            new EvidenceRecord { Slug = "", Title = "", Summary = "", Document = versions[2].Document }.Item.Anonymous.ShouldBeFalse();
        }

        // One audit entry per write, naming who made it, with the state before and after.
        var audit = await AuditOf(submitted.Id);
        audit.Select(a => (a.Action, a.ActorName)).ShouldBe([("created", "Sam"), ("updated", "Sam"), ("updated", "Cat"), ("updated", "Sam"), ("updated", "Cat")]);
        audit[0].Before.ShouldBeNull();
        audit[2].Before!.ShouldContain("\"State\":\"Submitted\"");
        audit[2].After!.ShouldContain("\"State\":\"Draft\"");
        audit[4].After!.ShouldContain("\"Anonymous\":true");
        audit[4].After!.ShouldContain("\"State\":\"Published\"");

        // Published: the submitter may no longer change it; a curator may withdraw it.
        (await As(_contributor, c => c.UpdateAsync(_contributor, submitted.Slug, Fields(), null))).ShouldBeRefused(RefusalKind.Forbidden,
            message: "A published item is changed by the curators: report a problem with it instead.");
        await As(_curator, c => c.WithdrawAsync(_curator, submitted.Slug, "Duplicate of another item")).ShouldSucceed();
        await using (var db = _database.CreateContext())
        {
            (await db.EvidenceItems.SingleAsync(e => e.Id == submitted.Id)).State.ShouldBe(WorkflowState.Draft);
        }
        (await AuditOf(submitted.Id)).Count.ShouldBe(6);
    }

    [Fact]
    public async Task Refusals_are_clear_and_change_nothing()
    {
        (await As(Actor.Anonymous, c => c.SubmitAsync(Actor.Anonymous, Fields(), null, null))).ShouldBeRefused(RefusalKind.Forbidden, message: "Sign in to submit evidence.");
        var readOnly = _contributor with { Scopes = TokenScopes.Read };
        (await As(readOnly, c => c.SubmitAsync(readOnly, Fields(), null, null))).ShouldBeRefused(RefusalKind.Forbidden);
        // Only a member may submit for an organisation.
        (await As(_outsider, c => c.SubmitAsync(_outsider, Fields(), _orgId, null))).ShouldBeRefused(RefusalKind.Forbidden,
            message: "You can submit evidence for an organisation only as one of its contributors.");

        // Every problem at once, the note's length with the data-file rules'.
        var invalid = (await As(_contributor, c => c.SubmitAsync(_contributor,
            Fields() with { Places = ["E99999999"], Elements = [new("place-making", "no-such")], Strength = 6, Links = [new("x", "javascript:alert(1)")] }, null, new string('n', EvidenceCuration.MaxNoteLength + 1)))).ShouldBeRefused(RefusalKind.Invalid);
        invalid.Problems.Select(p => p.Field).ShouldBe(["places[0]", "links[0].url", "elements[0]", "strength", "note"], ignoreOrder: true);

        var item = await As(_contributor, c => c.SubmitAsync(_contributor, Fields(), null, null)).ShouldSucceed();
        // Someone else's unpublished item does not exist for them.
        (await As(_outsider, c => c.UpdateAsync(_outsider, item.Slug, Fields(), null))).ShouldBeRefused(RefusalKind.NotFound, message: $"There is no evidence item '{item.Slug}'.");
        (await As(_outsider, c => c.ReportProblemAsync(_outsider, item.Slug, "Wrong", null))).ShouldBeRefused(RefusalKind.NotFound);
        (await As(_contributor, c => c.PublishAsync(_contributor, item.Slug))).ShouldBeRefused(RefusalKind.Forbidden, message: "Only a curator can do this.");
        // A published shipped item: anyone sees it, only curators act on it.
        (await As(_outsider, c => c.UpdateAsync(_outsider, "wigan-bewigan", Fields(), null))).ShouldBeRefused(RefusalKind.Forbidden);
        (await As(_outsider, c => c.WithdrawAsync(_outsider, "wigan-bewigan", "No"))).ShouldBeRefused(RefusalKind.Forbidden);
        (await As(_contributor, c => c.SetCuratorAsync(_contributor, _outsider.PersonId!.Value, true))).ShouldBeRefused(RefusalKind.Forbidden,
            message: "Only a site administrator can make or remove curators.");
        (await As(_admin, c => c.SetCuratorAsync(_admin, 987_654, true))).ShouldBeRefused(RefusalKind.NotFound, message: "There is no such person.");
        (await As(_curator, c => c.ReturnAsync(_curator, item.Slug, "  "))).ShouldBeRefused(RefusalKind.Invalid, "reason", "Say what the submitter should change: it is sent to them");
        // A step the workflow does not allow now clashes with the item's state: a conflict, said on the "state" field.
        (await As(_curator, c => c.WithdrawAsync(_curator, item.Slug, "Not yet"))).ShouldBeRefused(RefusalKind.Conflict, "state", "Only a published item can be withdrawn");
        (await As(_curator, c => c.PublishAsync(_curator, "wigan-bewigan"))).ShouldBeRefused(RefusalKind.Conflict, "state", "This item is already published");
        // A shipped item's text is its data file's.
        (await As(_curator, c => c.UpdateAsync(_curator, "wigan-bewigan", Fields(), null))).ShouldBeRefused(RefusalKind.Conflict, "item", "change it in data/evidence/consultation-2022.yaml");

        (await AuditOf(item.Id)).Count.ShouldBe(1);
        await using var db = _database.CreateContext();
        (await db.EvidenceItems.CountAsync(e => e.Collection == null)).ShouldBe(1);
        (await db.EvidenceVersions.CountAsync()).ShouldBe(0);
        (await db.People.CountAsync(p => p.IsCurator)).ShouldBe(1);
    }

    [Fact]
    public async Task An_id_is_never_a_page_name()
    {
        (await As(_contributor, c => c.SubmitAsync(_contributor, Fields("Map"), null, null)).ShouldSucceed()).Slug.ShouldBe("map-2");
        (await As(_contributor, c => c.SubmitAsync(_contributor, Fields("Curation!"), null, null)).ShouldSucceed()).Slug.ShouldBe("curation-2");
        (await As(_contributor, c => c.SubmitAsync(_contributor, Fields("Health & wellbeing – what works"), null, null)).ShouldSucceed()).Slug.ShouldBe("health-and-wellbeing-what-works");
    }

    [Fact]
    public async Task A_problem_report_from_a_visitor_reaches_every_curator_and_administrator_and_is_resolved()
    {
        var report = await As(Actor.Anonymous, c => c.ReportProblemAsync(Actor.Anonymous, "wigan-bewigan", "The link to the plan is broken.", "reader@example.org")).ShouldSucceed();
        report.ReporterPersonId.ShouldBeNull();
        var outbox = await Outbox();
        outbox.Select(m => m.To).ShouldBe(["cat@socitm.net", "ada@socitm.net"], ignoreOrder: true);
        outbox.ShouldAllBe(m => m.Body.Contains("The link to the plan is broken.") && m.Body.Contains("reader@example.org") && m.Subject.Contains("BeWigan"));

        (await As(Actor.Anonymous, c => c.ReportProblemAsync(Actor.Anonymous, "wigan-bewigan", new string('x', EvidenceProblemReport.MaxMessageLength + 1), null))).ShouldBeRefused(RefusalKind.Invalid, "message", "characters or fewer");
        (await As(Actor.Anonymous, c => c.ReportProblemAsync(Actor.Anonymous, "wigan-bewigan", "Broken", "not an address"))).ShouldBeRefused(RefusalKind.Invalid, "email", "Enter an email address in the correct format");
        (await As(Actor.Anonymous, c => c.ReportProblemAsync(Actor.Anonymous, "no-such-item", "Broken", null))).ShouldBeRefused(RefusalKind.NotFound);

        (await As(_curator, c => c.OpenReportsAsync(_curator)).ShouldSucceed()).Select(r => r.Id).ShouldBe([report.Id]);
        (await As(_outsider, c => c.ResolveReportAsync(_outsider, report.Id))).ShouldBeRefused(RefusalKind.Forbidden, message: "Only a curator can do this.");
        (await As(_curator, c => c.ResolveReportAsync(_curator, report.Id + 1000))).ShouldBeRefused(RefusalKind.NotFound, message: "There is no such problem report.");
        await As(_curator, c => c.ResolveReportAsync(_curator, report.Id)).ShouldSucceed();
        (await As(_curator, c => c.OpenReportsAsync(_curator)).ShouldSucceed()).ShouldBeEmpty();

        await using var db = _database.CreateContext();
        var id = report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(EvidenceProblemReport) && a.EntityId == id).OrderBy(a => a.Id).ToListAsync();
        audit.Select(a => (a.Action, a.ActorName)).ShouldBe([("created", "anonymous"), ("updated", "Cat")]);
    }

    [Fact]
    public async Task A_site_administrator_makes_and_removes_curators_and_it_is_audited()
    {
        var olu = _outsider.PersonId!.Value;
        await As(_admin, c => c.SetCuratorAsync(_admin, olu, true)).ShouldSucceed();
        await using (var db = _database.CreateContext())
        {
            (await db.People.SingleAsync(p => p.Id == olu)).IsCurator.ShouldBeTrue();
        }
        await As(_admin, c => c.SetCuratorAsync(_admin, olu, false)).ShouldSucceed();
        await using (var db = _database.CreateContext())
        {
            (await db.People.SingleAsync(p => p.Id == olu)).IsCurator.ShouldBeFalse();
            var id = olu.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var audit = await db.AuditEntries.Where(a => a.EntityType == nameof(Person) && a.EntityId == id && a.ActorName == "Ada").OrderBy(a => a.Id).ToListAsync();
            audit.Count.ShouldBe(2);
            audit[0].Before!.ShouldContain("\"IsCurator\":false");
            audit[0].After!.ShouldContain("\"IsCurator\":true");
        }
    }

    [Fact]
    public async Task An_import_is_all_or_nothing_and_an_export_reads_back_as_the_same_items()
    {
        const string bad = """
            id: batch
            name: Batch
            description: Two items.
            items:
              - id: good-item
                title: Good
                kind: report
                summary: Fine.
                elements: [four-rs/renew]
                strength: 1
                status: promising
              - id: wigan-bewigan
                title: Taken
                kind: report
                summary: Its id is a shipped item's.
                elements: [four-rs/renew]
                strength: 1
                status: promising
            """;
        var refused = (await As(Actor.System("cli"), c => c.ImportAsync(Actor.System("cli"), "batch.yaml", bad, publish: false))).ShouldBeRefused(RefusalKind.Invalid);
        refused.Problems.Single().ToString().ShouldBe("batch.yaml:12:9: items[1].id: 'wigan-bewigan' is already in the evidence library; choose another id or change that item");
        await using (var db = _database.CreateContext())
        {
            (await db.EvidenceItems.CountAsync(e => e.Collection == null)).ShouldBe(0);
        }
        (await As(_contributor, c => c.ImportAsync(_contributor, "batch.yaml", bad.Replace("wigan-bewigan", "other"), publish: true))).ShouldBeRefused(RefusalKind.Forbidden, message: "Only a curator can import evidence files.");

        var imported = await As(Actor.System("cli"), c => c.ImportAsync(Actor.System("cli"), "batch.yaml", bad.Replace("id: wigan-bewigan", "id: other-item"), publish: false)).ShouldSucceed();
        imported.Select(r => (r.Slug, r.State, r.Collection)).ShouldBe([("good-item", WorkflowState.Submitted, (string?)null), ("other-item", WorkflowState.Submitted, null)]);
        var published = await As(Actor.System("cli"), c => c.ImportAsync(Actor.System("cli"), "more.yaml", bad.Replace("good-item", "third").Replace("id: wigan-bewigan", "id: fourth"), publish: true)).ShouldSucceed();
        published.ShouldAllBe(r => r.State == WorkflowState.Published);

        await using var check = _database.CreateContext();
        var items = (await check.EvidenceItems.Where(e => e.Collection == null).OrderBy(e => e.Slug).ToListAsync()).Select(r => r.Item).ToList();
        var text = EvidenceWriter.Contributions(items, DateTime.UtcNow);
        var frameworks = _services.GetRequiredService<Observatory.Frameworks.FrameworkCatalogue>();
        var places = _services.GetRequiredService<Observatory.Places.PlaceRegistry>();
        var (back, problems) = EvidenceReader.Read("contributions.yaml", text, null, frameworks.Contains, c => places.Find(c) is not null, requireSource: false);
        problems.ShouldBeEmpty();
        back!.Items.Select(i => EvidenceRecord.Serialise(i with { Collection = null })).ShouldBe(items.Select(EvidenceRecord.Serialise));
    }
}

public sealed class EvidenceCurationOnSqliteTests() : EvidenceCurationTests(TestProvider.Sqlite);

[Trait("Database", "PostgreSQL")]
public sealed class EvidenceCurationOnPostgreSqlTests() : EvidenceCurationTests(TestProvider.PostgreSql);
