using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Content;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Plans;

/// <summary>
/// Social value commitments in a plan through the real app over HTTP: Wigan's officers record suppliers' commitments
/// against the Social Value Model, report what was delivered with dated updates, and the plan page totals them by
/// theme; only the plan's editors write, nobody outside Wigan sees a draft's commitments, and bad input changes nothing.
/// </summary>
public sealed class SocialValueTests : IAsyncLifetime
{
    private const string Wigan = "E08000010";
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _contributor = null!;
    private HttpClient _viewer = null!;
    private HttpClient _outsider = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", Wigan);
        var bolton = await TestAccounts.OrganisationAsync(_app.Services, "Bolton Council", "E08000001");
        await TestAccounts.MemberAsync(_app.Services, "officer@wigan.gov.uk", wigan, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, "reader@wigan.gov.uk", wigan, Role.Viewer);
        await TestAccounts.MemberAsync(_app.Services, "admin@bolton.gov.uk", bolton, Role.OrganisationAdmin);
        _contributor = await TestAccounts.ClientAsync(_app, "officer@wigan.gov.uk");
        _viewer = await TestAccounts.ClientAsync(_app, "reader@wigan.gov.uk");
        _outsider = await TestAccounts.ClientAsync(_app, "admin@bolton.gov.uk");
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<long> StartPlanAsync()
    {
        using var response = await _contributor.PostAsJsonAsync("/api/organisations/wigan-council/plans", new { title = "Wigan social value plan", place = Wigan, startYear = 2025, endYear = 2030 });
        return (await JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }

    private async Task<JsonElement> CommitAsync(long plan, object commitment)
    {
        using var response = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/social-value", commitment);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    private static JsonElement Theme(JsonElement json, string theme) =>
        json.GetProperty("totals").EnumerateArray().Single(t => t.GetProperty("theme").GetString() == theme);

    [Fact]
    public async Task Commitments_are_totalled_by_theme_with_their_money_and_the_latest_delivery()
    {
        var plan = await StartPlanAsync();
        await CommitAsync(plan, new
        {
            outcome = "create-new-businesses-jobs-and-skills",
            supplier = "Northway Construction Ltd",
            contract = "WC-2025-014 Leisure centre rebuild",
            commitment = "Twelve apprenticeships for Wigan residents",
            value = 120000.50m
        });
        await CommitAsync(plan, new
        {
            outcome = "social-value-model/increase-supply-chain-resilience",
            theme = "tackling-economic-inequality",
            supplier = "Northway Construction Ltd",
            contract = "WC-2025-014 Leisure centre rebuild",
            commitment = "Subcontract to local small firms",
            value = 50000m
        });
        var json = await CommitAsync(plan, new
        {
            outcome = "effective-stewardship-of-the-environment",
            supplier = "Green Fleet Services",
            contract = "WC-2025-022 Waste collection",
            commitment = "Plant 500 trees in the borough"
        });

        // Five themes always, in the model's order; money only where a commitment gives it.
        json.GetProperty("totals").EnumerateArray().Select(t => t.GetProperty("name").GetString())
            .ShouldBe(["COVID-19 recovery", "Tackling economic inequality", "Fighting climate change", "Equal opportunity", "Wellbeing"]);
        Theme(json, "tackling-economic-inequality").GetProperty("commitments").GetInt32().ShouldBe(2);
        Theme(json, "tackling-economic-inequality").GetProperty("committed").GetDecimal().ShouldBe(170000.50m);
        Theme(json, "fighting-climate-change").GetProperty("commitments").GetInt32().ShouldBe(1);
        Theme(json, "fighting-climate-change").GetProperty("valued").GetInt32().ShouldBe(0);
        Theme(json, "wellbeing").GetProperty("commitments").GetInt32().ShouldBe(0);

        // Dated reports: the latest by date is the commitment's, an older one joins the history only.
        var apprenticeships = json.GetProperty("commitments")[0].GetProperty("id").GetInt64();
        using (var update = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/social-value/{apprenticeships}/updates", new { on = "2026-09-30", delivered = "Seven apprentices started", value = 70000m }))
        {
            await JsonAsync(update, HttpStatusCode.OK);
        }
        using (var older = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/social-value/{apprenticeships}/updates", new { on = "2026-03-31", delivered = "Three apprentices started", value = 30000m }))
        {
            json = await JsonAsync(older, HttpStatusCode.OK);
        }
        var commitment = json.GetProperty("commitments")[0];
        commitment.GetProperty("delivered").GetString().ShouldBe("Seven apprentices started");
        commitment.GetProperty("deliveredValue").GetDecimal().ShouldBe(70000m);
        commitment.GetProperty("updates").EnumerateArray().Select(u => u.GetProperty("on").GetString()).ShouldBe(["2026-09-30", "2026-03-31"]);
        Theme(json, "tackling-economic-inequality").GetProperty("delivered").GetDecimal().ShouldBe(70000m);

        // The plan page shows the same totals in a table, for the plan's viewers too.
        var page = await _viewer.GetHtmlAsync($"/plans/{plan}");
        var table = page.QuerySelectorAll("main table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("Social value commitments by theme", StringComparison.Ordinal));
        var row = table.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Tackling economic inequality");
        row.Children[1].TextContent.Trim().ShouldBe("2");
        row.Children[2].TextContent.Trim().ShouldBe("£170,000.50");
        row.Children[3].TextContent.Trim().ShouldBe("£70,000");
        table.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Fighting climate change").Children[2].TextContent.Trim().ShouldBe("No value given");
        page.QuerySelector("main")!.TextContent.ShouldContain("Plant 500 trees in the borough");

        // The CSV download: one line per commitment, with its latest delivery.
        using var csv = await _viewer.GetAsync($"/api/plans/{plan}/social-value/export");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(4);
        lines[0].Trim().ShouldBe("id,theme,outcome,supplier,contract,commitment,value,delivered,delivered_value,delivered_on");
        lines[1].ShouldContain("Create new businesses, new jobs and new skills");
        lines[1].ShouldContain("120000.50");
        lines[1].Trim().ShouldEndWith("Seven apprentices started,70000,2026-09-30");

        // Every write is in Wigan's history.
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        (await db.AuditEntries.CountAsync(e => e.EntityType == "SocialValueCommitment")).ShouldBeGreaterThanOrEqualTo(3);
        (await db.AuditEntries.CountAsync(e => e.EntityType == "SocialValueUpdate")).ShouldBe(2);
    }

    [Fact]
    public async Task Bad_commitments_are_refused_naming_each_field_and_nothing_is_recorded()
    {
        var plan = await StartPlanAsync();
        using (var bad = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/social-value", new { outcome = "national-toms", supplier = "", contract = "", commitment = " ", value = 10.005m }))
        {
            var errors = (await JsonAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
            foreach (var field in new[] { "outcome", "supplier", "contract", "commitment", "value" })
            {
                errors.TryGetProperty(field, out _).ShouldBeTrue(field);
            }
        }
        using (var theme = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/social-value", new { outcome = "improve-health-and-wellbeing", theme = "equal-opportunity", supplier = "S", contract = "C", commitment = "X" }))
        {
            (await JsonAsync(theme, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("theme")[0].GetString()!.ShouldContain("Wellbeing");
        }
        // A theme is not a policy outcome.
        using (var kind = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/social-value", new { outcome = "wellbeing", supplier = "S", contract = "C", commitment = "X" }))
        {
            kind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
        using (var negative = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/social-value", new { outcome = "improve-health-and-wellbeing", supplier = "S", contract = "C", commitment = "X", value = -5m }))
        {
            (await JsonAsync(negative, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("value", out _).ShouldBeTrue();
        }
        using (var date = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/social-value/999999/updates", new { on = "2026-01-01", delivered = "Something" }))
        {
            date.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        var json = await JsonAsync(await _contributor.GetAsync($"/api/plans/{plan}/social-value"), HttpStatusCode.OK);
        json.GetProperty("commitments").GetArrayLength().ShouldBe(0);
        json.GetProperty("totals").EnumerateArray().Sum(t => t.GetProperty("commitments").GetInt32()).ShouldBe(0);
    }

    [Fact]
    public async Task Only_the_plans_editors_record_commitments_and_a_drafts_are_not_found_outside_Wigan()
    {
        var plan = await StartPlanAsync();
        var json = await CommitAsync(plan, new { outcome = "tackle-workforce-inequality", supplier = "Careline Ltd", contract = "WC-2025-031 Home care", commitment = "WIGAN-PRIVATE-4410 pay audit" });
        var id = json.GetProperty("commitments")[0].GetProperty("id").GetInt64();

        (await _viewer.PostAsJsonAsync($"/api/plans/{plan}/social-value", new { outcome = "wellbeing", supplier = "S", contract = "C", commitment = "Planted" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _viewer.PostAsJsonAsync($"/api/plans/{plan}/social-value/{id}/updates", new { delivered = "Planted" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        foreach (var client in new[] { _outsider, _anonymous })
        {
            (await client.GetAsync($"/api/plans/{plan}/social-value")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.GetAsync($"/api/plans/{plan}/social-value/export")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await client.PostAsJsonAsync($"/api/plans/{plan}/social-value/{id}/updates", new { delivered = "Planted" })).StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Unauthorized);
        }
        var after = await JsonAsync(await _viewer.GetAsync($"/api/plans/{plan}/social-value"), HttpStatusCode.OK);
        after.GetProperty("commitments").GetArrayLength().ShouldBe(1);
        after.GetProperty("commitments")[0].GetProperty("updates").GetArrayLength().ShouldBe(0);
        (await _outsider.GetStringAsync("/frameworks/social-value-model")).ShouldNotContain("WIGAN-PRIVATE-4410");
    }
}
