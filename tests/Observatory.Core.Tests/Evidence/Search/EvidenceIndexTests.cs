using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Evidence.Search.Index;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Storage;
using Observatory.Testing;
using Shouldly;
using Xunit;

namespace Observatory.Core.Tests.Evidence.Search;

/// <summary>
/// The in-memory index against the tests' reference search (<see cref="DatabaseEvidenceSearch"/>: SQL and FTS5) over
/// the same rows, and its freshness: a write committed anywhere — curation in this process, another context or
/// connection as another web instance or the command line would make — is in the very next search.
/// </summary>
public abstract class EvidenceIndexTests(TestProvider provider) : IAsyncLifetime
{
    private const int Generated = 300;
    private static readonly TokenScopes Both = TokenScopes.Read | TokenScopes.Write;

    private TestDatabase _database = null!;
    private ServiceProvider _index = null!;
    private long _orgId;
    private long _partnerId;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _index = CoreServices.For(_database);
        await CoreServices.PrepareAsync(_index, shippedData: false);
        await using var scope = _index.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
        await new EvidenceSearchSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
        await new EvidenceSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
        await using var db = _database.CreateContext();
        var org = new Organisation { Slug = "wigan-council", Name = "Wigan Council", Kind = OrganisationKind.Council, PlaceCodes = "E08000010" };
        var partner = new Organisation { Slug = "bolton-council", Name = "Bolton Council", Kind = OrganisationKind.Council, PlaceCodes = "E08000001" };
        db.AddRange(org, partner);
        await db.SaveChangesAsync();
        (_orgId, _partnerId) = (org.Id, partner.Id);
    }

    public async Task DisposeAsync()
    {
        await _index.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static async Task<EvidenceSearchResult> Search(ServiceProvider services, EvidenceQuery query, Actor? actor = null)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IEvidenceSearch>().SearchAsync(actor ?? Actor.Anonymous, query);
    }

    private Task<EvidenceSearchResult> Search(EvidenceQuery query, Actor? actor = null) => Search(_index, query, actor);

    private async Task<EvidenceSearchResult> Reference(EvidenceQuery query, Actor actor)
    {
        await using var scope = _index.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var reference = new DatabaseEvidenceSearch(services.GetRequiredService<ObservatoryDbContext>(), services.GetRequiredService<EvidenceLibrary>(),
            services.GetRequiredService<PlaceRegistry>(), services.GetRequiredService<PlaceAdjacency>);
        return await reference.SearchAsync(actor, query);
    }

    private EvidenceIndex Index()
    {
        using var scope = _index.CreateScope();
        return _index.GetRequiredService<EvidenceIndexes>().For(scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>());
    }

    /// <summary>A few hundred items from the shipped items' words, on random councils and elements, in every state and visibility.</summary>
    private async Task GenerateAsync()
    {
        var shipped = _index.GetRequiredService<ShippedEvidence>().Items;
        var words = shipped.SelectMany(i => $"{i.Title} {i.Summary}".Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var councils = _index.GetRequiredService<PlaceRegistry>().Councils.ToArray();
        var elements = _index.GetRequiredService<FrameworkCatalogue>().Frameworks.SelectMany(f => f.AllElements()).Select(e => e.Ref).ToArray();
        var random = new Random(20_261_202);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
        await using var db = _database.CreateContext();
        for (var n = 0; n < Generated; n++)
        {
            var record = EvidenceRecord.From(new EvidenceItem
            {
                Id = $"generated-{n}",
                Title = Words(random.Next(2, 6)),
                Kind = Enum.GetValues<EvidenceKind>()[random.Next(6)],
                Summary = Words(random.Next(10, 40)),
                Body = random.Next(2) == 0 ? Words(random.Next(20, 80)) : null,
                Places = [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => councils[random.Next(councils.Length)].Code).Distinct()],
                Organisations = ["Generated Council"],
                Anonymous = random.Next(5) == 0,
                Year = random.Next(8) == 0 ? null : 2015 + random.Next(11),
                Elements = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => elements[random.Next(elements.Length)]).Distinct()],
                Strength = 1 + random.Next(5),
                Status = WhatWorksStatus.Promising,
            }, DateTime.UtcNow);
            record.State = random.Next(6) switch { 0 => WorkflowState.Draft, 1 => WorkflowState.Submitted, _ => WorkflowState.Published };
            record.Visibility = (Visibility)random.Next(3);
            record.OrganisationId = random.Next(3) == 0 ? _orgId : null;
            record.SharedWith = record.Visibility == Visibility.Shared ? $"{_partnerId}" : "";
            db.EvidenceItems.Add(record);
        }
        await db.SaveChangesAsync();
    }

    private IEnumerable<EvidenceQuery> Spread()
    {
        var food = new ElementRef("place-making", "food");
        var healthy = new ElementRef("place-making", "healthy");
        string[] texts = ["food", "digital inclusion", "\"digital inclusion\"", "council", "Wigan", "food Wigan", "community health", "Ynys Môn", "data"];
        foreach (var text in texts)
        {
            yield return new EvidenceQuery { Text = text };
            yield return new EvidenceQuery { Text = text, MinimumStrength = 2 };
            yield return new EvidenceQuery { Text = text, Kinds = [EvidenceKind.CaseStudy, EvidenceKind.Report], Nation = "England" };
        }
        yield return new EvidenceQuery();
        yield return new EvidenceQuery { Page = 3 };
        yield return new EvidenceQuery { Elements = [food], MinimumStrength = 1 };
        yield return new EvidenceQuery { AllElements = [food, healthy] };
        yield return new EvidenceQuery { Region = "E12000002", Year = 2022 };
        yield return new EvidenceQuery { Places = ["E08000010", "E06000022"], Kinds = [EvidenceKind.CaseStudy] };
        yield return new EvidenceQuery { Nation = "Scotland", Elements = [food, healthy] };
    }

    [Fact]
    public async Task The_index_gives_the_reference_searchs_totals_facets_and_first_pages()
    {
        await GenerateAsync();
        var sqlite = provider == TestProvider.Sqlite;
        Actor[] readers =
        [
            Actor.Anonymous,
            new(999, "Member", false, new Dictionary<long, Role> { [_orgId] = Role.Viewer }, Both),
            new(998, "Partner", false, new Dictionary<long, Role> { [_partnerId] = Role.Viewer }, Both),
            new(997, "Curator", false, new Dictionary<long, Role>(), Both, IsCurator: true),
        ];
        var compared = 0;
        foreach (var actor in readers)
        {
            foreach (var query in Spread())
            {
                // The reference matches words with SQLite's FTS5, so on PostgreSQL it answers the filters alone.
                if (!sqlite && !string.IsNullOrEmpty(query.Text))
                {
                    continue;
                }
                var expected = await Reference(query, actor);
                var actual = await Search(_index, query, actor);
                var what = $"{actor.Name}: {query}";
                actual.Total.ShouldBe(expected.Total, what);
                actual.Items.Select(h => h.Item.Id).ShouldBe(expected.Items.Select(h => h.Item.Id), what);
                actual.Items.Select(h => h.Reason).ShouldBe(expected.Items.Select(h => h.Reason), what);
                actual.Items.Select(h => h.SnippetHtml).ShouldBe(expected.Items.Select(h => h.SnippetHtml), what);
                for (var i = 0; i < actual.Items.Count; i++)
                {
                    actual.Items[i].Rank.ShouldBe(expected.Items[i].Rank, 1e-9, what);
                }
                actual.Place?.Place.Code.ShouldBe(expected.Place?.Place.Code, what);
                Facets(actual.Facets).ShouldBe(Facets(expected.Facets), what);
                compared++;
            }
        }
        compared.ShouldBeGreaterThan(sqlite ? 100 : 25);
    }

    private static List<string> Facets(EvidenceFacets facets) =>
    [
        .. new[] { facets.Elements, facets.Places, facets.Regions, facets.Nations, facets.Kinds, facets.Strengths, facets.Years }
            .Select((list, n) => $"{n}: " + string.Join(", ", list.Select(v => $"{v.Value}={v.Count}"))),
    ];

    [Fact]
    public async Task A_contribution_published_through_curation_is_found_by_the_next_search_and_withdrawing_it_hides_it_at_once()
    {
        (await Search(new EvidenceQuery { Text = "marmalade" })).Total.ShouldBe(0);
        var builds = Index().FullBuilds;
        var contributor = new Actor(null, "Sam", false, new Dictionary<long, Role> { [_orgId] = Role.Contributor }, Both);
        var curator = new Actor(null, "Cat", false, new Dictionary<long, Role>(), Both, IsCurator: true);
        await using (var db = _database.CreateContext())
        {
            var sam = new Person { Email = "sam@wigan.gov.uk", DisplayName = "Sam" };
            var cat = new Person { Email = "cat@socitm.net", DisplayName = "Cat", IsCurator = true };
            db.AddRange(sam, cat);
            await db.SaveChangesAsync();
            db.Memberships.Add(new Membership { OrganisationId = _orgId, PersonId = sam.Id, Role = Role.Contributor });
            await db.SaveChangesAsync();
            contributor = contributor with { PersonId = sam.Id };
            curator = curator with { PersonId = cat.Id };
        }
        async Task<T> As<T>(Actor actor, Func<EvidenceCuration, Task<T>> action)
        {
            await using var scope = _index.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actor;
            return await action(scope.ServiceProvider.GetRequiredService<EvidenceCuration>());
        }
        var fields = new EvidenceItem
        {
            Id = "",
            Title = "Wigan marmalade cooperative",
            Kind = EvidenceKind.CaseStudy,
            Summary = "Seville oranges and surplus sugar made into marmalade by volunteers.",
            Places = ["E08000010"],
            Organisations = ["Wigan Council"],
            Year = 2024,
            Elements = [new("place-making", "food")],
            Strength = 2,
            Status = WhatWorksStatus.Promising,
        };
        var submitted = await As(contributor, c => c.SubmitAsync(contributor, fields, _orgId, null)).ShouldSucceed();
        (await Search(new EvidenceQuery { Text = "marmalade" })).Total.ShouldBe(0, "submitted, not yet published");
        await As(curator, c => c.PublishAsync(curator, submitted.Slug)).ShouldSucceed();
        var found = await Search(new EvidenceQuery { Text = "marmalade", Elements = [new("place-making", "food")], Year = 2024 });
        found.Items.Select(h => h.Item.Id).ShouldBe([submitted.Slug]);
        found.Items[0].SnippetHtml.ShouldContain("<mark>marmalade</mark>");

        await As(curator, c => c.UpdateAsync(curator, submitted.Slug, fields with { Summary = "Seville oranges made into chutney." }, "Chutney now")).ShouldSucceed();
        (await Search(new EvidenceQuery { Text = "marmalade" })).Items.Select(h => h.Item.Id).ShouldBe([submitted.Slug], "still in the title");
        (await Search(new EvidenceQuery { Text = "chutney" })).Total.ShouldBe(1);

        await As(curator, c => c.WithdrawAsync(curator, submitted.Slug, "Duplicate"));
        (await Search(new EvidenceQuery { Text = "marmalade" })).Total.ShouldBe(0);
        (await Search(new EvidenceQuery { Text = "chutney" }, curator)).Total.ShouldBe(0, "search shows only published items, to everyone");
        Index().FullBuilds.ShouldBe(builds, "each write reloads only its item");
    }

    [Fact]
    public async Task A_write_through_another_context_or_a_plain_connection_is_in_the_next_search()
    {
        (await Search(new EvidenceQuery { Text = "quince" })).Total.ShouldBe(0);
        // Another web instance or the command line: its own context, its own connection, the same database.
        await using (var other = _database.CreateContext())
        {
            other.EvidenceItems.Add(EvidenceRecord.From(new EvidenceItem
            {
                Id = "quince-orchards",
                Title = "Community quince orchards",
                Kind = EvidenceKind.Report,
                Summary = "Quince trees on verges.",
                Places = ["E08000001"],
                Strength = 1,
                Status = WhatWorksStatus.Promising,
            }, DateTime.UtcNow));
            await other.SaveChangesAsync();
        }
        var result = await Search(new EvidenceQuery { Text = "quince" });
        result.Items.Select(h => h.Item.Id).ShouldBe(["quince-orchards"]);
        result.Facets.Places.ShouldBe([new FacetValue("E08000001", 1)]);

        // Plain SQL, as an operator might write: a new place row, and the item made private.
        await using (var other = _database.CreateContext())
        {
            var id = await other.EvidenceItems.Where(e => e.Slug == "quince-orchards").Select(e => e.Id).SingleAsync();
            await other.Database.ExecuteSqlAsync($"INSERT INTO evidence_places (item_id, place_code) VALUES ({id}, {"E06000022"})");
        }
        (await Search(new EvidenceQuery { Text = "quince", Places = ["E06000022"] })).Total.ShouldBe(1);
        (await Search(new EvidenceQuery { Text = "Bath and North East Somerset" })).Items.Select(h => h.Item.Id).ShouldContain("quince-orchards");
        await using (var other = _database.CreateContext())
        {
            await other.EvidenceItems.Where(e => e.Slug == "quince-orchards").ExecuteUpdateAsync(u => u.SetProperty(e => e.Visibility, Visibility.Private));
        }
        (await Search(new EvidenceQuery { Text = "quince" })).Total.ShouldBe(0);
        await using (var other = _database.CreateContext())
        {
            await other.EvidenceItems.Where(e => e.Slug == "quince-orchards").ExecuteDeleteAsync();
        }
        (await Search(new EvidenceQuery { Text = "quince" }, Actor.System("tests"))).Total.ShouldBe(0);
    }

    [Fact]
    public async Task An_index_that_missed_pruned_changes_or_a_rebuild_marker_builds_afresh()
    {
        (await Search(new EvidenceQuery { Text = "medlar" })).Total.ShouldBe(0);
        var builds = Index().FullBuilds;
        await using (var other = _database.CreateContext())
        {
            other.EvidenceItems.Add(EvidenceRecord.From(new EvidenceItem
            {
                Id = "medlar-hedges",
                Title = "Medlar hedges",
                Kind = EvidenceKind.Report,
                Summary = "Medlars in hedgerows.",
                Strength = 1,
                Status = WhatWorksStatus.Promising,
            }, DateTime.UtcNow));
            await other.SaveChangesAsync();
            // Another process's refresher prunes past this index's last change: it can no longer know what it missed.
            await other.Database.ExecuteSqlRawAsync("DELETE FROM evidence_search_changes");
            await other.EvidenceItems.Where(e => e.Slug == "medlar-hedges").ExecuteUpdateAsync(u => u.SetProperty(e => e.Strength, 3));
        }
        (await Search(new EvidenceQuery { Text = "medlar", MinimumStrength = 3 })).Total.ShouldBe(1);
        Index().FullBuilds.ShouldBe(builds + 1);

        // The rebuild marker (element names changed) tells every index to build afresh.
        await using (var other = _database.CreateContext())
        {
            await other.Database.ExecuteSqlRawAsync(Observatory.Storage.Migrations.M0007_EvidenceSearchChanges.RebuildAllSql(other.Database.IsSqlite()));
        }
        (await Search(new EvidenceQuery { Text = "medlar" })).Total.ShouldBe(1);
        Index().FullBuilds.ShouldBe(builds + 2);
        (await Search(new EvidenceQuery { Text = "medlar" })).Total.ShouldBe(1);
        Index().FullBuilds.ShouldBe(builds + 2, "nothing changed since");
    }

    [Fact]
    public async Task Two_databases_in_one_process_have_an_index_each()
    {
        (await Search(new EvidenceQuery())).Total.ShouldBe(_index.GetRequiredService<ShippedEvidence>().Items.Count);
        await using var second = await TestDatabase.CreateAsync(provider);
        await using var db = await second.MigratedContextAsync();
        var indexes = _index.GetRequiredService<EvidenceIndexes>();
        indexes.For(db).ShouldNotBeSameAs(Index());
        var search = new IndexedEvidenceSearch(db, indexes, _index.GetRequiredService<PlaceRegistry>(), _index.GetRequiredService<PlaceAdjacency>);
        (await search.SearchAsync(Actor.Anonymous, new EvidenceQuery())).Total.ShouldBe(0);
    }
}

public sealed class EvidenceIndexOnSqliteTests() : EvidenceIndexTests(TestProvider.Sqlite);

[Trait("Database", "PostgreSQL")]
public sealed class EvidenceIndexOnPostgreSqlTests() : EvidenceIndexTests(TestProvider.PostgreSql);
