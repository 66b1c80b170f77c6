using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Evidence;

/// <summary>
/// Contributed items on the pages and in the exports: an anonymous one shows no organisation anywhere, a body's
/// markup is never passed through, and a private one is invisible, and uncounted, for everyone else.
/// </summary>
public sealed class EvidenceContributionPagesTests : IClassFixture<EvidenceContributionPagesTests.Fixture>
{
    private const string Hidden = "Hidden Borough Council";

    private readonly Fixture _fixture;

    public EvidenceContributionPagesTests(Fixture fixture) => _fixture = fixture;

    private HttpClient Client => _fixture.Client;

    private HttpClient Member => _fixture.Member;

    private HttpClient Curator => _fixture.Curator;

    /// <summary>The app with three contributions added: anonymous, with a hostile body, and private to an organisation.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public ObservatoryAppFactory App { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public HttpClient Member { get; private set; } = null!;

        public HttpClient Curator { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await App.EnsurePreparedAsync();
            var organisation = await TestAccounts.OrganisationAsync(App.Services, "Wigan Test Council", "E08000010");
            await TestAccounts.MemberAsync(App.Services, "member@wigan-test.gov.uk", organisation, Role.Viewer);
            await TestAccounts.SiteAdministratorAsync(App.Services, "curator@observatory.example");
            await using (var scope = App.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
                var now = DateTime.UtcNow;
                db.EvidenceItems.Add(EvidenceRecord.From(Item("anonymous-contribution", "An anonymous contribution") with
                {
                    Organisations = [Hidden],
                    Anonymous = true,
                    Body = "What was done, without who did it.",
                }, now));
                db.EvidenceItems.Add(EvidenceRecord.From(Item("hostile-body", "A hostile body") with
                {
                    Body = "Before <script>alert('x')</script> after, and [a link](javascript:alert(1)) and <b onclick=\"x()\">bold</b>.",
                }, now));
                var hidden = EvidenceRecord.From(Item("wigan-private-item", "Private to Wigan"), now);
                hidden.OrganisationId = organisation.Id;
                hidden.Visibility = Visibility.Private;
                db.EvidenceItems.Add(hidden);
                await db.SaveChangesAsync();
            }
            Client = await App.ClientAsync();
            Member = await TestAccounts.ClientAsync(App, "member@wigan-test.gov.uk");
            Curator = await TestAccounts.ClientAsync(App, "curator@observatory.example");
        }

        private static EvidenceItem Item(string id, string title) => new()
        {
            Id = id,
            Title = title,
            Kind = EvidenceKind.CaseStudy,
            Summary = "A contribution for the tests.",
            Strength = 2,
            Status = WhatWorksStatus.Promising,
            Places = ["E08000010"],
            Elements = [new("place-making", "food"), new("four-rs", "reset")],
        };

        public async Task DisposeAsync()
        {
            Client.Dispose();
            Member.Dispose();
            Curator.Dispose();
            await App.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_anonymous_item_shows_no_organisation_and_says_it_was_published_without_names()
    {
        var page = await Client.GetHtmlAsync("/evidence/anonymous-contribution");

        page.QuerySelector("#anonymous")!.TextContent.ShouldContain("published without organisation names");
        page.QuerySelector("#item-details")!.TextContent.ShouldNotContain("Organisations");
        page.QuerySelector("main")!.TextContent.ShouldNotContain(Hidden);
        page.QuerySelector("script[type='application/ld+json']")!.TextContent.ShouldNotContain("Organization");
    }

    [Fact]
    public async Task An_items_body_is_rendered_without_its_markup_or_unsafe_links()
    {
        var page = await Client.GetHtmlAsync("/evidence/hostile-body");

        var body = page.QuerySelector(".app-evidence-body")!;
        body.QuerySelectorAll("script").Length.ShouldBe(0);
        body.QuerySelectorAll("b").Length.ShouldBe(0);
        body.QuerySelectorAll("[onclick]").Length.ShouldBe(0);
        body.QuerySelectorAll("a").ShouldAllBe(a => !a.GetAttribute("href")!.StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        body.TextContent.ShouldContain("Before");
        body.TextContent.ShouldContain("after");
        page.QuerySelectorAll("script").ShouldAllBe(s => s.GetAttribute("type") == "application/ld+json" || !s.TextContent.Contains("alert"));
    }

    [Fact]
    public async Task Exports_carry_no_organisation_of_an_anonymous_item()
    {
        foreach (var format in new[] { "csv", "json", "jsonld" })
        {
            (await Client.GetStringAsync($"/api/evidence/export?format={format}")).ShouldNotContain(Hidden, Case.Sensitive, format);
        }
        using var jsonLd = JsonDocument.Parse(await Client.GetStringAsync("/api/evidence/export?format=jsonld&place=E08000010"));
        var node = jsonLd.RootElement.GetProperty("@graph").EnumerateArray().Single(n => n.GetProperty("identifier").GetString() == "anonymous-contribution");
        node.TryGetProperty("author", out _).ShouldBeFalse();
        using var json = JsonDocument.Parse(await Client.GetStringAsync("/api/evidence/export?format=json&place=E08000010"));
        var item = json.RootElement.EnumerateArray().Single(n => n.GetProperty("id").GetString() == "anonymous-contribution");
        item.GetProperty("organisations").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_private_item_is_not_found_not_counted_and_not_exported_for_others_but_is_for_its_organisation()
    {
        (await Client.GetAsync("/evidence/wigan-private-item")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Member.GetAsync("/evidence/wigan-private-item")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var shipped = _fixture.App.Services.GetRequiredService<ShippedEvidence>().Items.Count(i => i.Places.Contains("E08000010"));
        // Two public contributions are on Wigan; the private one adds only for its own organisation.
        string WiganCount(AngleSharp.Html.Dom.IHtmlDocument page) =>
            page.QuerySelectorAll("#councils-table tbody tr").Single(r => r.QuerySelector("th")!.GetAttribute("data-code") == "E08000010")
                .QuerySelectorAll("td")[0].TextContent.Normalised().Split(' ')[0];
        WiganCount(await Client.GetHtmlAsync("/evidence/map")).ShouldBe((shipped + 2).ToString());
        WiganCount(await Member.GetHtmlAsync("/evidence/map")).ShouldBe((shipped + 3).ToString());
        (await Client.GetHtmlAsync("/areas/E08000010")).QuerySelector("a[href='/evidence?place=E08000010']")!.TextContent.Normalised().ShouldBe($"{shipped + 2} evidence items");

        (await Client.GetStringAsync("/api/evidence/export?format=csv")).ShouldNotContain("wigan-private-item");
        (await Member.GetStringAsync("/api/evidence/export?format=csv")).ShouldContain("wigan-private-item");
        // The spreadsheets beside the CSVs are made from the same search: they hold what the CSV holds, no more.
        foreach (var url in new[] { "/api/evidence/export?format=xlsx", "/api/evidence.xlsx" })
        {
            Cells(await Client.GetByteArrayAsync(url)).ShouldNotContain(c => c.Contains("wigan-private-item"), url);
            Cells(await Member.GetByteArrayAsync(url)).ShouldContain(c => c.Contains("wigan-private-item"), url);
        }
    }

    private static List<string> Cells(byte[] xlsx) => [.. Downloads.Spreadsheets.Read(xlsx, "Data").SelectMany(row => row).Select(c => c.Text)];

    [Fact]
    public async Task The_edit_link_is_shown_only_to_those_who_may_edit()
    {
        (await Client.GetHtmlAsync("/evidence/hostile-body")).QuerySelector("a[href='/evidence/hostile-body/edit']").ShouldBeNull();
        (await Member.GetHtmlAsync("/evidence/hostile-body")).QuerySelector("a[href='/evidence/hostile-body/edit']").ShouldBeNull();
        (await Curator.GetHtmlAsync("/evidence/hostile-body")).QuerySelector("a[href='/evidence/hostile-body/edit']").ShouldNotBeNull();
    }

    [Fact]
    public async Task A_private_item_does_not_reach_anyone_elses_gap_map()
    {
        var food = await CellAsync(Client);
        var member = await CellAsync(Member);
        member.ShouldBe(food + 1);
    }

    private static async Task<int> CellAsync(HttpClient client)
    {
        var page = await client.GetHtmlAsync("/evidence/gaps");
        var row = page.QuerySelectorAll("#gap-map tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Normalised() == "Food");
        return int.Parse(row.QuerySelectorAll("td")[0].GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
