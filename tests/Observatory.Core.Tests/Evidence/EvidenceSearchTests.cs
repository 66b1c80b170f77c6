using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Evidence.Search;
using Observatory.Frameworks;
using Observatory.Places;
using Observatory.Testing;
using Shouldly;
using Xunit;

namespace Observatory.Core.Tests.Evidence;

/// <summary>The search contract over the seeded shipped set, on each database.</summary>
public abstract class EvidenceSearchTests(TestProvider provider) : IAsyncLifetime
{
    private const string Wigan = "E08000010";

    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.For(_database);
        await CoreServices.PrepareAsync(_services, shippedData: false);
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
        await new EvidenceSearchSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
        await new EvidenceSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<List<EvidenceItem>> Stored(Func<EvidenceItem, bool> where)
    {
        await using var db = _database.CreateContext();
        return [.. (await db.EvidenceItems.ToListAsync()).Select(r => r.Item).Where(where)];
    }

    private IReadOnlyList<EvidenceItem> Shipped => _services.GetRequiredService<ShippedEvidence>().Items;

    private async Task<EvidenceSearchResult> Search(EvidenceQuery query, Actor? actor = null)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IEvidenceSearch>().SearchAsync(actor ?? Actor.Anonymous, query);
    }

    private async Task<List<EvidenceHit>> Everything(EvidenceQuery query, Actor? actor = null)
    {
        var result = await Search(query with { PageSize = EvidenceQuery.MaxPageSize }, actor);
        var hits = result.Items.ToList();
        for (var page = 2; page <= result.PageCount; page++)
        {
            hits.AddRange((await Search(query with { PageSize = EvidenceQuery.MaxPageSize, Page = page }, actor)).Items);
        }
        hits.Count.ShouldBe(result.Total);
        return hits;
    }

    [Fact]
    public async Task Wigan_finds_its_own_items_first_then_its_neighbours_items_saying_why()
    {
        // No shipped item is on a neighbour of Wigan, so a published contribution on Bolton stands in for one.
        await using (var db = _database.CreateContext())
        {
            db.EvidenceItems.Add(EvidenceRecord.From(new EvidenceItem
            {
                Id = "bolton-food-pantries",
                Title = "Bolton food pantries",
                Kind = EvidenceKind.CaseStudy,
                Summary = "Members' pantries across the borough.",
                Places = ["E08000001"],
                Strength = 2,
                Status = WhatWorksStatus.Evidenced,
                Elements = [new("place-making", "food")],
            }, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        var hits = await Everything(new EvidenceQuery { Text = "Wigan" });
        var onWigan = Shipped.Where(i => i.Places.Contains(Wigan)).Select(i => i.Id).ToList();
        onWigan.ShouldContain("wigan-bewigan");
        onWigan.ShouldContain("wigan-peace-and-justice");
        hits.Take(onWigan.Count).Select(h => h.Item.Id).ShouldBe(onWigan, ignoreOrder: true);
        hits.Where(h => onWigan.Contains(h.Item.Id)).ShouldAllBe(h => h.Reason == "On Wigan");

        var neighbours = _services.GetRequiredService<PlaceAdjacency>().NeighboursOf(Wigan);
        neighbours.ShouldContain("E08000001");
        var places = _services.GetRequiredService<PlaceRegistry>();
        var nextDoor = await Stored(i => !i.Places.Contains(Wigan) && i.Places.Any(neighbours.Contains));
        nextDoor.ShouldNotBeEmpty();
        foreach (var item in nextDoor)
        {
            var hit = hits.Single(h => h.Item.Id == item.Id);
            var neighbour = places.Find(item.Places.First(neighbours.Contains))!;
            hit.Reason.ShouldBe($"On {neighbour.Name}, a neighbour of Wigan");
        }
        // Neighbours' items that do not mention Wigan come after everything that does.
        var firstNeighbourOnly = hits.FindIndex(h => h.Reason?.Contains("a neighbour of") == true && h.Rank == 0);
        hits.Skip(firstNeighbourOnly).ShouldAllBe(h => h.Reason != null && h.Reason.Contains("a neighbour of"));
        (await Search(new EvidenceQuery { Text = "Wigan" })).Place!.Place.Code.ShouldBe(Wigan);
    }

    [Fact]
    public async Task Food_finds_the_six_table_1_food_councils_first_with_the_word_marked()
    {
        var result = await Search(new EvidenceQuery { Text = "food" });
        var table1Food = Shipped.Where(i => i.Collection == "rr-table-1" && i.Elements.Contains(new ElementRef("place-making", "food"))).Select(i => i.Id).ToList();
        table1Food.Count.ShouldBe(6);
        result.Items.Take(6).Select(h => h.Item.Id).ShouldBe(table1Food, ignoreOrder: true);
        result.Items[0].SnippetHtml.ShouldContain("<mark>food</mark>", Case.Insensitive);
        result.Place.ShouldBeNull();
    }

    [Fact]
    public async Task Digital_inclusion_finds_the_greater_manchester_taskforce_and_the_leeds_and_croydon_toolkit()
    {
        var top = (await Search(new EvidenceQuery { Text = "digital inclusion", PageSize = 5 })).Items.Select(h => h.Item.Id).ToList();
        top.ShouldContain("greater-manchester-digital-inclusion-taskforce");
        top.ShouldContain("leeds-croydon-digital-inclusion-toolkit");
        var phrase = await Everything(new EvidenceQuery { Text = "\"digital inclusion\"" });
        phrase.Select(h => h.Item.Id).ShouldContain("greater-manchester-digital-inclusion-taskforce");
    }

    [Fact]
    public async Task Facets_count_the_whole_match_set_each_under_the_other_filters()
    {
        var food = new ElementRef("place-making", "food");
        var query = new EvidenceQuery { Elements = [food], MinimumStrength = 1 };
        var result = await Search(query);
        var matching = Shipped.Where(i => i.Elements.Contains(food)).ToList();
        result.Total.ShouldBe(matching.Count);
        // Kinds, years and places are counted over the food items...
        Counts(result.Facets.Kinds).ShouldBe(Sorted(matching.GroupBy(i => EvidenceSpellings.Of(i.Kind)).ToDictionary(g => g.Key, g => g.Count())));
        Counts(result.Facets.Years).ShouldBe(Sorted(matching.Where(i => i.Year != null).GroupBy(i => i.Year!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count())));
        Counts(result.Facets.Places).ShouldBe(Sorted(matching.SelectMany(i => i.Places).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count())));
        // ...but the element facet ignores the element filter, so it says what choosing another element would give.
        Counts(result.Facets.Elements).ShouldBe(Sorted(Shipped.SelectMany(i => i.Elements.Distinct()).GroupBy(e => e.ToString()).ToDictionary(g => g.Key, g => g.Count())));
        var places = _services.GetRequiredService<PlaceRegistry>();
        var byNation = matching.SelectMany(i => i.Places.Select(places.Find).Select(p => p?.Nation).OfType<string>().Distinct()).GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
        Counts(result.Facets.Nations).ShouldBe(Sorted(byNation));
        var byRegion = matching.SelectMany(i => i.Places.Select(places.Find).OfType<Place>().Select(EvidenceSearch.RegionOf).OfType<string>().Distinct()).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        Counts(result.Facets.Regions).ShouldBe(Sorted(byRegion));
        result.Facets.Strengths.Single(s => s.Value == "1").Count.ShouldBe(matching.Count);
    }

    private static SortedDictionary<string, int> Sorted(Dictionary<string, int> counts) => new(counts, StringComparer.Ordinal);

    private static SortedDictionary<string, int> Counts(IReadOnlyList<FacetValue> values) => new(values.ToDictionary(v => v.Value, v => v.Count), StringComparer.Ordinal);

    [Fact]
    public async Task Filters_combine_with_and_across_fields_and_or_within_one()
    {
        var food = new ElementRef("place-making", "food");
        var healthy = new ElementRef("place-making", "healthy");
        var scotland = (await Everything(new EvidenceQuery { Elements = [food], Nation = "Scotland" })).Select(h => h.Item.Id).ToList();
        var places = _services.GetRequiredService<PlaceRegistry>();
        scotland.ShouldBe(Shipped.Where(i => i.Elements.Contains(food) && i.Places.Any(c => places.Find(c)?.Nation == "Scotland")).Select(i => i.Id), ignoreOrder: true);
        scotland.ShouldNotBeEmpty();

        var either = await Search(new EvidenceQuery { Kinds = [EvidenceKind.CaseStudy, EvidenceKind.Report] });
        either.Total.ShouldBe(Shipped.Count(i => i.Kind is EvidenceKind.CaseStudy or EvidenceKind.Report));
        var both = await Search(new EvidenceQuery { AllElements = [food, healthy] });
        both.Total.ShouldBe(Shipped.Count(i => i.Elements.Contains(food) && i.Elements.Contains(healthy)));
        var strong = await Search(new EvidenceQuery { MinimumStrength = 2, Year = 2022 });
        strong.Total.ShouldBe(Shipped.Count(i => i.Strength >= 2 && i.Year == 2022));
        var textAndPlace = await Everything(new EvidenceQuery { Text = "food", Places = ["E06000022"] });
        textAndPlace.Select(h => h.Item.Id).ShouldBe(["bath-and-north-east-somerset-food"]);
        var northWest = await Search(new EvidenceQuery { Region = "E12000002" });
        northWest.Total.ShouldBe(Shipped.Count(i => i.Places.Any(c => places.Find(c) is { } p && EvidenceSearch.RegionOf(p) == "E12000002")));
        northWest.Total.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Unpublished_and_private_items_are_never_found_or_counted_except_by_those_who_may_see_them()
    {
        long orgId;
        await using (var db = _database.CreateContext())
        {
            var org = new Organisation { Slug = "wigan-council", Name = "Wigan Council", Kind = OrganisationKind.Council, PlaceCodes = Wigan };
            db.Add(org);
            await db.SaveChangesAsync();
            orgId = org.Id;
            var item = new EvidenceItem
            {
                Id = "zebra-crossing-draft",
                Title = "Zebra crossings draft",
                Kind = EvidenceKind.Dataset,
                Summary = "Quixotic zebra counts.",
                Places = [Wigan],
                Strength = 5,
                Status = WhatWorksStatus.Scaled,
                Elements = [new("place-making", "food")],
            };
            var draft = EvidenceRecord.From(item, DateTime.UtcNow);
            draft.State = WorkflowState.Submitted;
            var secret = EvidenceRecord.From(item with { Id = "zebra-crossing-private" }, DateTime.UtcNow);
            secret.OrganisationId = orgId;
            secret.Visibility = Visibility.Private;
            db.EvidenceItems.AddRange(draft, secret);
            await db.SaveChangesAsync();
        }
        var anonymous = await Search(new EvidenceQuery { Text = "zebra" });
        anonymous.Total.ShouldBe(0);
        var all = await Search(new EvidenceQuery());
        all.Total.ShouldBe(Shipped.Count);
        all.Facets.Kinds.ShouldNotContain(k => k.Value == "dataset" && k.Count > Shipped.Count(i => i.Kind == EvidenceKind.Dataset));
        (await Search(new EvidenceQuery { MinimumStrength = 5 })).Total.ShouldBe(Shipped.Count(i => i.Strength >= 5));

        var member = new Actor(999, "Member", false, new Dictionary<long, Role> { [orgId] = Role.Viewer }, TokenScopes.Read);
        (await Search(new EvidenceQuery { Text = "zebra" }, member)).Items.Select(h => h.Item.Id).ShouldBe(["zebra-crossing-private"]);
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("\"unclosed phrase")]
    [InlineData("food AND OR NOT")]
    [InlineData("NEAR(food digital, 3)")]
    [InlineData("food*")]
    [InlineData("*")]
    [InlineData("title:food")]
    [InlineData("'; DROP TABLE evidence_items; --")]
    [InlineData("-food !digital & | <-> :*")]
    [InlineData("Ynys Môn ✓ 食物 🍎")]
    [InlineData("\0\u0002\u0003")]
    [InlineData("(((((((")]
    [InlineData("the")]
    public async Task Hostile_text_finds_results_or_none_and_never_throws(string text)
    {
        var result = await Search(new EvidenceQuery { Text = text });
        result.Total.ShouldBeGreaterThanOrEqualTo(0);
        result.Items.ShouldAllBe(h => !h.SnippetHtml.Contains("<script", StringComparison.OrdinalIgnoreCase));
        (await Search(new EvidenceQuery { Text = new string('a', 5000) + " food" })).Total.ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task The_index_follows_an_update_and_a_delete()
    {
        (await Search(new EvidenceQuery { Text = "xylophone" })).Total.ShouldBe(0);
        await using (var db = _database.CreateContext())
        {
            var record = await db.EvidenceItems.Include(e => e.Places).Include(e => e.Elements).SingleAsync(e => e.Slug == "wigan-bewigan");
            record.Apply(record.Item with { Summary = "A xylophone orchestra for every ward.", Elements = [new("place-making", "food")] });
            await db.SaveChangesAsync();
        }
        var found = await Search(new EvidenceQuery { Text = "xylophone" });
        found.Items.Select(h => h.Item.Id).ShouldBe(["wigan-bewigan"]);
        found.Items[0].SnippetHtml.ShouldContain("<mark>xylophone</mark>");
        (await Search(new EvidenceQuery { Text = "xylophone", Elements = [new("place-making", "food")] })).Total.ShouldBe(1);

        await using (var db = _database.CreateContext())
        {
            await db.EvidenceItems.Where(e => e.Slug == "wigan-bewigan").ExecuteDeleteAsync();
        }
        (await Search(new EvidenceQuery { Text = "xylophone" })).Total.ShouldBe(0);
        (await Search(new EvidenceQuery())).Total.ShouldBe(Shipped.Count - 1);
    }

    [Fact]
    public async Task Anonymous_items_are_not_found_by_their_organisations_names()
    {
        await using (var db = _database.CreateContext())
        {
            var item = new EvidenceItem
            {
                Id = "anonymous-quokka",
                Title = "A council's quokka sanctuary",
                Kind = EvidenceKind.CaseStudy,
                Summary = "Kept anonymous on purpose.",
                Organisations = ["Wombleton Borough Council"],
                Anonymous = true,
                Strength = 1,
                Status = WhatWorksStatus.Promising,
                Elements = [new("place-making", "food")],
            };
            db.EvidenceItems.Add(EvidenceRecord.From(item, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        (await Search(new EvidenceQuery { Text = "Wombleton" })).Total.ShouldBe(0);
        var hit = (await Search(new EvidenceQuery { Text = "quokka" })).Items.ShouldHaveSingleItem();
        hit.Item.Organisations.ShouldBeEmpty();
    }
}

public sealed class EvidenceSearchOnSqliteTests() : EvidenceSearchTests(TestProvider.Sqlite);

[Trait("Database", "PostgreSQL")]
public sealed class EvidenceSearchOnPostgreSqlTests() : EvidenceSearchTests(TestProvider.PostgreSql);
