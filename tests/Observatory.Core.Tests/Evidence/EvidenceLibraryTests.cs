using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Evidence;
using Observatory.Storage;
using Observatory.Testing;
using Shouldly;
using Xunit;

namespace Observatory.Core.Tests.Evidence;

/// <summary>The shipped evidence seeded into a real database, and who may see what.</summary>
public abstract class EvidenceLibraryTests(TestProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.For(_database);
        await CoreServices.PrepareAsync(_services, shippedData: false);
        await Seed();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task Seed()
    {
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
        await new EvidenceSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
    }

    [Fact]
    public async Task Every_shipped_item_is_stored_published_with_its_places_and_elements_and_seeding_again_changes_nothing()
    {
        var shipped = _services.GetRequiredService<ShippedEvidence>();
        await using (var db = _database.CreateContext())
        {
            (await db.EvidenceItems.CountAsync()).ShouldBe(shipped.Items.Count);
            (await db.EvidenceItems.CountAsync(e => e.State == WorkflowState.Published)).ShouldBe(shipped.Items.Count);
            (await db.EvidencePlaces.CountAsync()).ShouldBe(shipped.Items.Sum(i => i.Places.Count));
            (await db.EvidenceElements.CountAsync()).ShouldBe(shipped.Items.Sum(i => i.Elements.Count));
            var wigan = await db.EvidenceItems.Where(e => e.Places.Any(p => p.PlaceCode == "E08000010")).Select(e => e.Slug).ToListAsync();
            wigan.ShouldContain("wigan-bewigan");
        }
        var audited = await AuditCount();
        await Seed();
        await using (var db = _database.CreateContext())
        {
            (await db.EvidenceItems.CountAsync()).ShouldBe(shipped.Items.Count);
            (await db.EvidenceVersions.CountAsync()).ShouldBe(0);
        }
        (await AuditCount()).ShouldBe(audited);
    }

    private async Task<int> AuditCount()
    {
        await using var db = _database.CreateContext();
        return await db.AuditEntries.CountAsync(a => a.EntityType == nameof(EvidenceRecord));
    }

    [Fact]
    public async Task An_unpublished_or_private_contribution_is_seen_only_by_its_submitter_its_organisation_and_curators()
    {
        long orgId, otherOrgId, personId;
        await using (var db = _database.CreateContext())
        {
            var org = new Organisation { Slug = "wigan-council", Name = "Wigan Council", Kind = OrganisationKind.Council, PlaceCodes = "E08000010" };
            var other = new Organisation { Slug = "bolton-council", Name = "Bolton Council", Kind = OrganisationKind.Council, PlaceCodes = "E08000001" };
            var person = new Person { Email = "sam@example.org", DisplayName = "Sam" };
            db.AddRange(org, other, person);
            await db.SaveChangesAsync();
            (orgId, otherOrgId, personId) = (org.Id, other.Id, person.Id);
            var item = new EvidenceItem
            {
                Id = "wigan-draft",
                Title = "Draft",
                Kind = EvidenceKind.CaseStudy,
                Summary = "Not yet reviewed.",
                Strength = 1,
                Status = WhatWorksStatus.Promising,
                Elements = [new("place-making", "food")],
            };
            var submitted = EvidenceRecord.From(item, DateTime.UtcNow);
            submitted.State = WorkflowState.Submitted;
            submitted.SubmittedById = personId;
            var privateItem = EvidenceRecord.From(item with { Id = "wigan-private" }, DateTime.UtcNow);
            privateItem.OrganisationId = orgId;
            privateItem.Visibility = Visibility.Private;
            var shared = EvidenceRecord.From(item with { Id = "wigan-shared" }, DateTime.UtcNow);
            shared.OrganisationId = orgId;
            shared.Visibility = Visibility.Shared;
            shared.SharedWith = otherOrgId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            db.EvidenceItems.AddRange(submitted, privateItem, shared);
            await db.SaveChangesAsync();
        }
        var both = TokenScopes.Read | TokenScopes.Write;
        var submitter = new Actor(personId, "Sam", false, new Dictionary<long, Role>(), both);
        var member = new Actor(999, "Member", false, new Dictionary<long, Role> { [orgId] = Role.Viewer }, both);
        var partner = new Actor(998, "Partner", false, new Dictionary<long, Role> { [otherOrgId] = Role.Viewer }, both);
        var curator = new Actor(997, "Curator", false, new Dictionary<long, Role>(), both, IsCurator: true);

        (await VisibleSlugs(Actor.Anonymous)).ShouldBe([]);
        (await VisibleSlugs(submitter)).ShouldBe(["wigan-draft"]);
        (await VisibleSlugs(member)).ShouldBe(["wigan-private", "wigan-shared"]);
        (await VisibleSlugs(partner)).ShouldBe(["wigan-shared"]);
        (await VisibleSlugs(curator)).ShouldBe(["wigan-draft", "wigan-private", "wigan-shared"]);

        // The query and the policy give the same answer for every item.
        await using var check = _database.CreateContext();
        foreach (var record in await check.EvidenceItems.Where(e => e.Collection == null).ToListAsync())
        {
            foreach (var actor in new[] { Actor.Anonymous, submitter, member, partner, curator })
            {
                (await VisibleSlugs(actor)).Contains(record.Slug).ShouldBe(EvidenceAccess.CanView(actor, record), $"{actor.Name} / {record.Slug}");
            }
        }
    }

    [Fact]
    public async Task The_in_memory_rule_and_the_query_agree_for_every_kind_of_reader_over_a_mixed_set()
    {
        long owner, partnerOrg, otherOrg, personId;
        await using (var db = _database.CreateContext())
        {
            var orgs = new[] { "owner", "partner", "other" }
                .Select(slug => new Organisation { Slug = slug, Name = slug, Kind = OrganisationKind.Council, PlaceCodes = "E08000010" }).ToList();
            var person = new Person { Email = "sub@example.org", DisplayName = "Sub" };
            db.AddRange(orgs);
            db.Add(person);
            await db.SaveChangesAsync();
            (owner, partnerOrg, otherOrg, personId) = (orgs[0].Id, orgs[1].Id, orgs[2].Id, person.Id);
            var n = 0;
            foreach (var state in Enum.GetValues<WorkflowState>())
            {
                foreach (var visibility in Enum.GetValues<Visibility>())
                {
                    foreach (var organisation in new long?[] { null, owner })
                    {
                        foreach (var submitter in new long?[] { null, personId })
                        {
                            // Shared with the partner, and with an id that only begins with the other organisation's, which must not count as it.
                            foreach (var sharedWith in new[] { "", partnerOrg.ToString(System.Globalization.CultureInfo.InvariantCulture) + "," + otherOrg.ToString(System.Globalization.CultureInfo.InvariantCulture) + "0" })
                            {
                                var record = EvidenceRecord.From(new EvidenceItem
                                {
                                    Id = $"mixed-{n++}",
                                    Title = "Mixed",
                                    Kind = EvidenceKind.Report,
                                    Summary = "Who sees this?",
                                    Strength = 1,
                                    Status = WhatWorksStatus.Promising,
                                }, DateTime.UtcNow);
                                record.State = state;
                                record.Visibility = visibility;
                                record.OrganisationId = organisation;
                                record.SubmittedById = submitter;
                                record.SharedWith = sharedWith;
                                db.EvidenceItems.Add(record);
                            }
                        }
                    }
                }
            }
            await db.SaveChangesAsync();
        }
        var read = TokenScopes.Read;
        Actor[] readers =
        [
            new(1_000, "Admin", true, new Dictionary<long, Role>(), read),
            new(1_001, "Curator", false, new Dictionary<long, Role>(), read, IsCurator: true),
            new(1_002, "Owner's member", false, new Dictionary<long, Role> { [owner] = Role.Viewer }, read),
            new(1_003, "Partner's member", false, new Dictionary<long, Role> { [partnerOrg] = Role.Viewer }, read),
            new(personId, "Submitter", false, new Dictionary<long, Role>(), read),
            new(1_004, "Another organisation's member", false, new Dictionary<long, Role> { [otherOrg] = Role.Contributor }, read),
            Actor.Anonymous,
        ];
        await using var check = _database.CreateContext();
        var records = await check.EvidenceItems.Where(e => e.Collection == null).ToListAsync();
        records.Count.ShouldBe(72);
        foreach (var actor in readers)
        {
            var visible = (await VisibleSlugs(actor)).ToHashSet();
            var inMemory = records.Where(r => EvidenceLibrary.IsVisible(actor, r.State, r.Visibility, r.OrganisationId, r.SubmittedById, [.. AccessPolicy.SharedWith(r.SharedWith)]))
                .Select(r => r.Slug).ToHashSet();
            inMemory.ShouldBe(visible, ignoreOrder: true, actor.Name);
            visible.Count.ShouldBeGreaterThan(0, actor.Name);
        }
    }

    private async Task<List<string>> VisibleSlugs(Actor actor)
    {
        await using var scope = _services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<EvidenceLibrary>();
        return await library.Visible(actor).Where(e => e.Collection == null).OrderBy(e => e.Slug).Select(e => e.Slug).ToListAsync();
    }
}

public sealed class EvidenceLibraryOnSqliteTests() : EvidenceLibraryTests(TestProvider.Sqlite);

[Trait("Database", "PostgreSQL")]
public sealed class EvidenceLibraryOnPostgreSqlTests() : EvidenceLibraryTests(TestProvider.PostgreSql);
