using System.Text.Json;
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

/// <summary>The recovery map's and the gap map's counts, and the exports, checked against a plain count over the shipped files.</summary>
public abstract class EvidenceCountsTests(TestProvider provider) : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    private ShippedEvidence Shipped => _services.GetRequiredService<ShippedEvidence>();

    private PlaceRegistry Places => _services.GetRequiredService<PlaceRegistry>();

    private FrameworkCatalogue Catalogue => _services.GetRequiredService<FrameworkCatalogue>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.For(_database);
        await CoreServices.PrepareAsync(_services, shippedData: false);
        await using var scope = _services.CreateAsyncScope();
        await new EvidenceSeeder().SeedAsync(scope.ServiceProvider, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<T> With<T>(Func<EvidenceCounts, Task<T>> use)
    {
        await using var scope = _services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<EvidenceCounts>());
    }

    private int CoveringByLinq(IEnumerable<EvidenceItem> items, string code)
    {
        var parents = Places.Find(code)!.Parents.Where(p => !p.StartsWith("K02", StringComparison.Ordinal)).ToList();
        return items.Count(i => !i.Places.Contains(code) && i.Places.Any(parents.Contains));
    }

    [Fact]
    public async Task Every_places_count_is_the_number_of_shipped_items_that_name_it()
    {
        var counts = await With(c => c.ByPlaceAsync(Actor.Anonymous));

        counts.Items.ShouldBe(Shipped.Items.Count);
        var expected = Shipped.Items.SelectMany(i => i.Places.Distinct()).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        counts.ByCode.OrderBy(p => p.Key).ShouldBe(expected.OrderBy(p => p.Key));
        counts.OwnOf("E08000010").ShouldBe(Shipped.Items.Count(i => i.Places.Contains("E08000010")));
        counts.OwnOf("E08000010").ShouldBeGreaterThan(0);
        foreach (var council in counts.Councils())
        {
            council.Own.ShouldBe(Shipped.Items.Count(i => i.Places.Contains(council.Place.Code)), council.Place.Name);
            council.Covering.ShouldBe(CoveringByLinq(Shipped.Items, council.Place.Code), council.Place.Name);
        }
        // Wigan is in Greater Manchester: items on the combined authority cover it without being on it.
        var wigan = counts.For(Places.Find("E08000010")!);
        wigan.Covering.ShouldBe(CoveringByLinq(Shipped.Items, "E08000010"));
        counts.Councils().Count.ShouldBe(Places.Councils.Count(c => Shipped.Items.Any(i => i.Places.Contains(c.Code)) || CoveringByLinq(Shipped.Items, c.Code) > 0));
    }

    [Fact]
    public async Task One_places_counts_equal_the_maps()
    {
        var map = await With(c => c.ByPlaceAsync(Actor.Anonymous));
        foreach (var code in new[] { "E08000010", "E07000117", "E06000023", "E12000002", "NLD", "W06000015" })
        {
            var place = Places.Find(code)!;
            var one = await With(c => c.ForPlaceAsync(Actor.Anonymous, place));
            one.Own.ShouldBe(map.OwnOf(code), code);
            one.Covering.ShouldBe(map.CoveringOf(code), code);
        }
    }

    [Theory]
    [InlineData("place-making/food", false)]
    [InlineData("place-making/healthy", true)]
    [InlineData("four-rs/reset", false)]
    public async Task Filtering_by_an_element_counts_only_items_tagged_with_it_or_beneath_it(string element, bool descendants)
    {
        ElementRef.TryParse(element, out var reference).ShouldBeTrue();
        var scope = EvidenceCounts.Scope(Catalogue, reference, descendants);
        if (descendants)
        {
            scope.Count.ShouldBeGreaterThan(1);
        }
        var counts = await With(c => c.ByPlaceAsync(Actor.Anonymous, scope));

        var matching = Shipped.Items.Where(i => i.Elements.Any(scope.Contains)).ToList();
        counts.Items.ShouldBe(matching.Count);
        counts.Items.ShouldBeGreaterThan(0);
        var expected = matching.SelectMany(i => i.Places.Distinct()).GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());
        counts.ByCode.OrderBy(p => p.Key).ShouldBe(expected.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task The_default_gap_map_counts_items_tagged_with_both_elements_with_distinct_totals()
    {
        var rows = EvidenceCounts.Axis(Catalogue.Find(EvidenceCounts.DefaultRowFramework)!, EvidenceCounts.DefaultRowKind);
        var columns = EvidenceCounts.Axis(Catalogue.Find(EvidenceCounts.DefaultColumnFramework)!, EvidenceCounts.DefaultColumnKind);
        rows.Elements.Count.ShouldBe(16);
        columns.Elements.Select(e => e.Id).ShouldBe(["reset", "reform", "renew", "resilient"]);

        var matrix = await With(c => c.GapsAsync(Actor.Anonymous, rows, columns));

        for (var r = 0; r < rows.Elements.Count; r++)
        {
            for (var c = 0; c < columns.Elements.Count; c++)
            {
                var (row, column) = (rows.Elements[r].Ref, columns.Elements[c].Ref);
                matrix.Cells[r][c].ShouldBe(Shipped.Items.Count(i => i.Elements.Contains(row) && i.Elements.Contains(column)), $"{row} × {column}");
            }
            matrix.RowTotals[r].ShouldBe(Shipped.Items.Count(i => i.Elements.Contains(rows.Elements[r].Ref) && columns.Elements.Any(e => i.Elements.Contains(e.Ref))));
        }
        for (var c = 0; c < columns.Elements.Count; c++)
        {
            matrix.ColumnTotals[c].ShouldBe(Shipped.Items.Count(i => i.Elements.Contains(columns.Elements[c].Ref) && rows.Elements.Any(e => i.Elements.Contains(e.Ref))));
        }
        matrix.Total.ShouldBe(Shipped.Items.Count(i => rows.Elements.Any(e => i.Elements.Contains(e.Ref)) && columns.Elements.Any(e => i.Elements.Contains(e.Ref))));
        matrix.Total.ShouldBeGreaterThan(0);
        matrix.Gaps.ShouldBe(matrix.Cells.Sum(r => r.Count(c => c == 0)));
    }

    [Fact]
    public async Task A_broader_element_in_the_gap_map_counts_the_evidence_for_the_elements_within_it()
    {
        var rows = EvidenceCounts.Axis(Catalogue.Find("place-making")!, "outcome");
        var columns = EvidenceCounts.Axis(Catalogue.Find("four-rs")!, "pillar");
        rows.RollsUp.ShouldBeTrue();
        columns.RollsUp.ShouldBeFalse();

        var matrix = await With(c => c.GapsAsync(Actor.Anonymous, rows, columns));

        for (var r = 0; r < rows.Elements.Count; r++)
        {
            var scope = rows.Scope(r);
            scope.Count.ShouldBeGreaterThan(1);
            for (var c = 0; c < columns.Elements.Count; c++)
            {
                matrix.Cells[r][c].ShouldBe(Shipped.Items.Count(i => i.Elements.Any(scope.Contains) && i.Elements.Contains(columns.Elements[c].Ref)));
            }
        }
        matrix.Total.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_private_contribution_counts_for_its_organisation_and_for_nobody_else()
    {
        long orgId;
        await using (var db = _database.CreateContext())
        {
            var org = new Organisation { Slug = "wigan-council", Name = "Wigan Council", Kind = OrganisationKind.Council, PlaceCodes = "E08000010" };
            db.Add(org);
            await db.SaveChangesAsync();
            orgId = org.Id;
            var item = new EvidenceItem
            {
                Id = "wigan-private-counts",
                Title = "Private",
                Kind = EvidenceKind.CaseStudy,
                Summary = "Only for Wigan.",
                Strength = 1,
                Status = WhatWorksStatus.Promising,
                Places = ["E08000010"],
                Elements = [new("place-making", "food"), new("four-rs", "reset")],
                Organisations = ["Wigan Council"],
            };
            var record = EvidenceRecord.From(item, DateTime.UtcNow);
            record.OrganisationId = orgId;
            record.Visibility = Visibility.Private;
            db.EvidenceItems.Add(record);
            await db.SaveChangesAsync();
        }
        var member = new Actor(999, "Member", false, new Dictionary<long, Role> { [orgId] = Role.Viewer }, TokenScopes.Read);
        var shippedOnWigan = Shipped.Items.Count(i => i.Places.Contains("E08000010"));
        var food = new ElementRef("place-making", "food");
        var reset = new ElementRef("four-rs", "reset");
        var shippedCell = Shipped.Items.Count(i => i.Elements.Contains(food) && i.Elements.Contains(reset));
        var rows = EvidenceCounts.Axis(Catalogue.Find("place-making")!, "area-of-focus");
        var columns = EvidenceCounts.Axis(Catalogue.Find("four-rs")!, "pillar");
        var (r, c) = (rows.Elements.ToList().FindIndex(e => e.Ref == food), columns.Elements.ToList().FindIndex(e => e.Ref == reset));

        (await With(x => x.ByPlaceAsync(Actor.Anonymous))).OwnOf("E08000010").ShouldBe(shippedOnWigan);
        (await With(x => x.ForPlaceAsync(Actor.Anonymous, Places.Find("E08000010")!))).Own.ShouldBe(shippedOnWigan);
        (await With(x => x.GapsAsync(Actor.Anonymous, rows, columns))).Cells[r][c].ShouldBe(shippedCell);
        (await With(x => x.ByPlaceAsync(member))).OwnOf("E08000010").ShouldBe(shippedOnWigan + 1);
        (await With(x => x.GapsAsync(member, rows, columns))).Cells[r][c].ShouldBe(shippedCell + 1);

        await using var scope = _services.CreateAsyncScope();
        var exports = scope.ServiceProvider.GetRequiredService<EvidenceExports>();
        (await exports.ItemsAsync(Actor.Anonymous, new EvidenceQuery())).ShouldNotContain(i => i.Id == "wigan-private-counts");
        (await exports.ItemsAsync(member, new EvidenceQuery())).ShouldContain(i => i.Id == "wigan-private-counts");
    }

    [Fact]
    public async Task Related_items_put_a_shared_place_first_then_shared_elements_and_never_the_item_itself()
    {
        var item = Shipped.Items.Single(i => i.Id == "wigan-bewigan");
        var neighbours = _services.GetRequiredService<PlaceAdjacency>().NeighboursOf(Places, "E08000010").Select(p => p.Code).ToList();
        neighbours.ShouldContain("E08000001");
        await using var scope = _services.CreateAsyncScope();

        var related = await scope.ServiceProvider.GetRequiredService<RelatedEvidence>().FindAsync(Actor.Anonymous, item, neighbours, 5);

        related.Count.ShouldBe(5);
        related.ShouldNotContain(r => r.Slug == item.Id);
        related[0].SamePlace.ShouldBe("E08000010");
        foreach (var r in related)
        {
            var other = Shipped.Items.Single(i => i.Id == r.Slug);
            r.SharedElements.ShouldBe(other.Elements.Count(item.Elements.Contains));
            (r.SamePlace is null).ShouldBe(!other.Places.Any(item.Places.Contains));
        }
        var scores = related.Select(r => (r.SamePlace != null ? 3 : 0) + r.SharedElements + (r.NeighbouringPlace != null ? 1 : 0)).ToList();
        scores.ShouldBe(scores.OrderByDescending(x => x));
    }

    [Fact]
    public async Task Export_filters_combine_as_the_list_does_and_anonymous_items_lose_their_organisations()
    {
        await using var scope = _services.CreateAsyncScope();
        var exports = scope.ServiceProvider.GetRequiredService<EvidenceExports>();
        var food = new ElementRef("place-making", "food");
        var reset = new ElementRef("four-rs", "reset");

        (await exports.ItemsAsync(Actor.Anonymous, new EvidenceQuery())).Count.ShouldBe(Shipped.Items.Count);
        (await exports.ItemsAsync(Actor.Anonymous, new EvidenceQuery { Elements = [food, reset] })).Select(i => i.Id).Order()
            .ShouldBe(Shipped.Items.Where(i => i.Elements.Contains(food) || i.Elements.Contains(reset)).Select(i => i.Id).Order());
        (await exports.ItemsAsync(Actor.Anonymous, new EvidenceQuery { AllElements = [food, reset] })).Select(i => i.Id).Order()
            .ShouldBe(Shipped.Items.Where(i => i.Elements.Contains(food) && i.Elements.Contains(reset)).Select(i => i.Id).Order());
        (await exports.ItemsAsync(Actor.Anonymous, new EvidenceQuery { Places = ["E08000010"], Kinds = [EvidenceKind.CaseStudy], MinimumStrength = 1 })).Select(i => i.Id).Order()
            .ShouldBe(Shipped.Items.Where(i => i.Places.Contains("E08000010") && i.Kind == EvidenceKind.CaseStudy).Select(i => i.Id).Order());
        var welsh = Places.Places.Where(p => p.Nation == "Wales").Select(p => p.Code).ToHashSet();
        (await exports.ItemsAsync(Actor.Anonymous, new EvidenceQuery { Nation = "Wales" })).Select(i => i.Id).Order()
            .ShouldBe(Shipped.Items.Where(i => i.Places.Any(welsh.Contains)).Select(i => i.Id).Order());

        // A published contribution made anonymous: its organisation must not reach any format.
        await using (var db = _database.CreateContext())
        {
            db.EvidenceItems.Add(EvidenceRecord.From(new EvidenceItem
            {
                Id = "anonymous-with-organisation",
                Title = "Anonymous",
                Kind = EvidenceKind.CaseStudy,
                Summary = "Published without who did it.",
                Strength = 2,
                Status = WhatWorksStatus.Promising,
                Elements = [food],
                Organisations = ["Hidden Borough Council"],
                Anonymous = true,
            }, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }
        var all = await exports.ItemsAsync(Actor.Anonymous, new EvidenceQuery());
        all.Count.ShouldBe(Shipped.Items.Count + 1);
        var anonymous = all.Where(i => i.Anonymous).ToList();
        anonymous.Count.ShouldBeGreaterThanOrEqualTo(2);
        anonymous.ShouldAllBe(i => i.Organisations.Count == 0);
        using var jsonLd = JsonDocument.Parse(EvidenceExports.JsonLd(all, "https://observatory.example", Catalogue, Places));
        var graph = jsonLd.RootElement.GetProperty("@graph");
        graph.GetArrayLength().ShouldBe(all.Count);
        foreach (var node in graph.EnumerateArray())
        {
            var anonymousNode = anonymous.Any(a => a.Id == node.GetProperty("identifier").GetString());
            node.TryGetProperty("author", out _).ShouldBe(!anonymousNode && all.Single(i => i.Id == node.GetProperty("identifier").GetString()).Organisations.Count > 0);
        }
        EvidenceExports.Csv(all, "https://observatory.example").ShouldNotContain("Hidden Borough Council");
        EvidenceExports.Json(all, "https://observatory.example").ShouldNotContain("Hidden Borough Council");
        EvidenceExports.JsonLd(all, "https://observatory.example", Catalogue, Places).ShouldNotContain("Hidden Borough Council");
    }
}

public sealed class EvidenceCountsOnSqliteTests() : EvidenceCountsTests(TestProvider.Sqlite);

[Trait("Database", "PostgreSQL")]
public sealed class EvidenceCountsOnPostgreSqlTests() : EvidenceCountsTests(TestProvider.PostgreSql);
