using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Plans;

/// <summary>
/// Recovery and resilience plans through the real app over HTTP: Wigan's council writes a plan on its real
/// indicators, its targets' progress follows the data as it is imported, its actions carry dated updates, and
/// nobody outside the council sees it until an approver publishes it.
/// </summary>
public sealed class PlanTests : IAsyncLifetime
{
    private const string Wigan = "E08000010";
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _contributor = null!;
    private HttpClient _approver = null!;
    private HttpClient _outsider = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", Wigan);
        var bolton = await TestAccounts.OrganisationAsync(_app.Services, "Bolton Council", "E08000001");
        await TestAccounts.MemberAsync(_app.Services, "officer@wigan.gov.uk", wigan, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, "director@wigan.gov.uk", wigan, Role.Approver);
        await TestAccounts.MemberAsync(_app.Services, "admin@bolton.gov.uk", bolton, Role.OrganisationAdmin);
        _contributor = await TestAccounts.ClientAsync(_app, "officer@wigan.gov.uk");
        _approver = await TestAccounts.ClientAsync(_app, "director@wigan.gov.uk");
        _outsider = await TestAccounts.ClientAsync(_app, "admin@bolton.gov.uk");
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private IndicatorCatalogue Catalogue => _app.Services.GetRequiredService<IndicatorCatalogue>();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<long> StartPlanAsync(string title = "Wigan recovery and resilience plan 2025 to 2030")
    {
        using var response = await _contributor.PostAsJsonAsync("/api/organisations/wigan-council/plans", new { title, place = Wigan, startYear = 2025, endYear = 2030 });
        return (await JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }

    private async Task<JsonElement> AddTargetAsync(long plan, object target)
    {
        using var response = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/targets", target);
        return await JsonAsync(response, HttpStatusCode.OK);
    }

    /// <summary>Wigan's latest value of one series in a shipped ELS file, read with the tests' own CSV reader.</summary>
    private static (string Period, double Value) ShippedLatest(string file, string label)
    {
        var rows = TestCsv.ReadRows(Path.Combine(DataFolder.Locate().Combine("indicators"), file))
            .Where(r => r["areacd"].Trim() == Wigan && r["indicator"].Trim() == label && r["observation"].Trim().Length > 0)
            .Select(r => (Period: r["period"].Trim(), Value: double.Parse(r["observation"].Trim(), CultureInfo.InvariantCulture)))
            .ToList();
        rows.ShouldNotBeEmpty();
        return rows.MaxBy(r => Period.Parse(r.Period));
    }

    [Fact]
    public async Task A_plan_on_Wigans_claimant_count_healthy_life_expectancy_and_gigabit_coverage_shows_the_values_the_ONS_published()
    {
        var plan = await StartPlanAsync();
        var expected = new Dictionary<string, (string Period, double Value)>
        {
            ["claimant-count"] = ShippedLatest("ons_els/claimant-count/claimant-count.csv", "Claimant Count"),
            ["male-healthy-life-expectancy"] = ShippedLatest("ons_els/healthy-life-expectancy/healthy-life-expectancy.csv", "Male healthy life expectancy"),
            ["gigabit-capable-broadband"] = ShippedLatest("ons_els/gigabit-capable-broadband/gigabit-capable-broadband.csv", "Gigabit capable broadband"),
        };
        await AddTargetAsync(plan, new { indicator = "claimant-count", targetPeriod = "2030", targetValue = 3.0, elements = new[] { "place-making/social-equity", "four-rs/renew" } });
        await AddTargetAsync(plan, new { indicator = "male-healthy-life-expectancy", targetPeriod = "2030", targetValue = 62.0, elements = new[] { "place-making/health", "four-rs/resilient" } });
        var json = await AddTargetAsync(plan, new { indicator = "gigabit-capable-broadband", targetPeriod = "2030-01-01", targetValue = 99.0, elements = new[] { "place-making/connectivity" } });

        var targets = json.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("indicator").GetString()!);
        targets.Keys.Order().ShouldBe(expected.Keys.Order());
        foreach (var (indicator, (period, value)) in expected)
        {
            var target = targets[indicator];
            target.GetProperty("area").GetString().ShouldBe(Wigan);
            target.GetProperty("latest").GetProperty("period").GetString().ShouldBe(period, indicator);
            target.GetProperty("latest").GetProperty("value").GetDouble().ShouldBe(value, indicator);
            // No baseline named: the plan starts from the latest published value, so there is nothing newer to judge yet.
            target.GetProperty("baseline").GetProperty("period").GetString().ShouldBe(period, indicator);
            target.GetProperty("baseline").GetProperty("value").GetDouble().ShouldBe(value, indicator);
            target.GetProperty("status").GetString().ShouldBe("no-new-data");
        }

        // The overview shows the same published figures, as the catalogue formats them.
        var page = await _contributor.GetHtmlAsync($"/plans/{plan}");
        var rows = page.QuerySelectorAll("main table").First(t => t.QuerySelector("caption")!.TextContent.Contains("Targets and progress")).QuerySelectorAll("tbody tr");
        rows.Length.ShouldBe(3);
        foreach (var (indicator, (_, value)) in expected)
        {
            var definition = Catalogue.Find(indicator)!;
            var row = rows.Single(r => r.QuerySelector($"a")!.TextContent.Contains(definition.Name, StringComparison.Ordinal));
            row.Children[3].TextContent.ShouldContain(definition.FormatValue(value));
        }
        page.QuerySelector("main")!.TextContent.ShouldContain("straight line drawn from the baseline to the target");

        // A baseline for a period Wigan has no value for is refused, naming the field, and nothing is added.
        using var refused = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/targets", new { indicator = "claimant-count", baselinePeriod = "1990", targetPeriod = "2030", targetValue = 2.0 });
        var problem = await JsonAsync(refused, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").TryGetProperty("baselinePeriod", out _).ShouldBeTrue();
        (await JsonAsync(await _contributor.GetAsync($"/api/plans/{plan}"), HttpStatusCode.OK)).GetProperty("targets").GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task Importing_new_indicator_data_changes_a_targets_status_with_nothing_else_to_do()
    {
        var plan = await StartPlanAsync("Claimant count plan");
        var (period, baseline) = ShippedLatest("ons_els/claimant-count/claimant-count.csv", "Claimant Count");
        var start = Period.Parse(period);
        var next = Period.Year(start.Start.Year + 1).ToIso();
        // Down by one point over five years; lower is better for the claimant count.
        var goal = Math.Round(baseline - 1.0, 1);
        var target = (await AddTargetAsync(plan, new { indicator = "claimant-count", baselinePeriod = period, targetPeriod = (start.Start.Year + 5).ToString(CultureInfo.InvariantCulture), targetValue = goal }))
            .GetProperty("targets")[0];
        target.GetProperty("status").GetString().ShouldBe("no-new-data");
        var targetId = target.GetProperty("id").GetInt64();

        async Task<(string Status, string Page)> StatusAsync()
        {
            var json = await JsonAsync(await _contributor.GetAsync($"/api/plans/{plan}"), HttpStatusCode.OK);
            var page = await _contributor.GetHtmlAsync($"/plans/{plan}/targets/{targetId}");
            return (json.GetProperty("targets")[0].GetProperty("status").GetString()!, page.QuerySelector("main .govuk-tag")!.TextContent.Trim());
        }

        // A year on, worse than the baseline: off track.
        await ImportAsync($"{Wigan},claimant-count,{next},{(baseline + 0.5).ToString(CultureInfo.InvariantCulture)},,,,\n");
        (await StatusAsync()).ShouldBe(("off-track", "off track"));

        // The same year revised to a fifth of the way down: on the line, so on track.
        await ImportAsync($"{Wigan},claimant-count,{next},{Math.Round(baseline - 0.2, 1).ToString(CultureInfo.InvariantCulture)},,,,\n");
        (await StatusAsync()).ShouldBe(("on-track", "on track"));

        // Revised again to the target itself: achieved.
        await ImportAsync($"{Wigan},claimant-count,{next},{goal.ToString(CultureInfo.InvariantCulture)},,,,\n");
        (await StatusAsync()).ShouldBe(("achieved", "achieved"));
        var chart = await _contributor.GetHtmlAsync($"/plans/{plan}/targets/{targetId}");
        chart.QuerySelector("main figure svg").ShouldNotBeNull();
        chart.QuerySelectorAll("main table tbody tr").Select(r => r.Children[0].TextContent.Trim())
            .ShouldContain(AreaIndicators.PeriodLabel(Catalogue.Find("claimant-count")!, Period.Parse(next)));
    }

    private async Task ImportAsync(string rows)
    {
        var page = await _contributor.GetHtmlAsync("/indicators/import");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("area,indicator,period,value,lci95,uci95,status,note\n" + rows));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", $"claimant-{Guid.NewGuid():N}.csv");
        form.Add(new StringContent("tidy"), "format");
        form.Add(new StringContent("Claimant count, test release"), "source");
        using var response = await _contributor.PostAsync("/indicators/import", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ParseHtml().QuerySelector(".govuk-notification-banner--success").ShouldNotBeNull("the import was refused");
    }

    [Fact]
    public async Task A_draft_plan_is_seen_only_by_its_organisation_until_an_approver_publishes_it()
    {
        var plan = await StartPlanAsync("Wigan draft plan, not yet agreed");
        await AddTargetAsync(plan, new { indicator = "claimant-count", targetPeriod = "2030", targetValue = 3.0 });
        foreach (var (who, client) in new[] { ("anonymous", _anonymous), ("Bolton", _outsider) })
        {
            foreach (var path in new[] { $"/plans/{plan}", $"/plans/{plan}/report", $"/plans/{plan}/coverage", $"/api/plans/{plan}", $"/api/plans/{plan}/export?format=csv", "/api/organisations/wigan-council/plans" })
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    throw new ShouldAssertException($"{who}: GET {path} answered {(int)response.StatusCode}, not 404");
                }
            }
            (await client.GetStringAsync($"/areas/{Wigan}")).ShouldNotContain("Wigan draft plan");
        }
        // Bolton's admin cannot add to it either, and is told it does not exist.
        using (var write = await _outsider.PostAsJsonAsync($"/api/plans/{plan}/targets", new { indicator = "claimant-count", targetPeriod = "2030", targetValue = 1.0 }))
        {
            write.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        // Only an approver publishes; a contributor submits.
        (await JsonAsync(await _contributor.PostAsJsonAsync($"/api/plans/{plan}/publish", new { }), HttpStatusCode.Conflict)).ToString().ShouldContain("Submit the plan");
        (await JsonAsync(await _contributor.PostAsJsonAsync($"/api/plans/{plan}/submit", new { }), HttpStatusCode.OK)).GetProperty("state").GetString().ShouldBe("submitted");
        (await _contributor.PostAsJsonAsync($"/api/plans/{plan}/publish", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _contributor.PostAsJsonAsync($"/api/plans/{plan}/targets", new { indicator = "claimant-count", targetPeriod = "2030", targetValue = 1.0 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _anonymous.GetAsync($"/plans/{plan}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(await _approver.PostAsJsonAsync($"/api/plans/{plan}/publish", new { }), HttpStatusCode.OK)).GetProperty("state").GetString().ShouldBe("published");

        // Now anyone reads it, and Wigan's area page lists it.
        (await _anonymous.GetStringAsync($"/plans/{plan}")).ShouldContain("Wigan draft plan, not yet agreed");
        (await JsonAsync(await _anonymous.GetAsync($"/api/plans/{plan}"), HttpStatusCode.OK)).GetProperty("targets").GetArrayLength().ShouldBe(1);
        var area = await _anonymous.GetHtmlAsync($"/areas/{Wigan}");
        area.QuerySelectorAll($"a[href='/plans/{plan}']").Length.ShouldBe(1);
        // Reading it is not changing it.
        (await _outsider.PostAsJsonAsync($"/api/plans/{plan}/targets", new { indicator = "claimant-count", targetPeriod = "2030", targetValue = 1.0 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Every step is in Wigan's history, under the person who took it.
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        var id = plan.ToString(CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.Where(e => e.EntityType == "Plan" && e.EntityId == id).OrderBy(e => e.Id).ToListAsync();
        entries.Select(e => e.ActorName).ShouldContain("director");
        entries.ShouldContain(e => e.After != null && e.After.Contains("Published"));
        (await db.AuditEntries.CountAsync(e => e.EntityType == "PlanTarget")).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Actions_take_the_status_of_their_dated_updates_and_the_grid_and_coverage_count_them()
    {
        var plan = await StartPlanAsync("Wigan actions plan");
        var evidence = await _anonymous.GetFromJsonAsync<JsonElement>("/api/evidence");
        var slug = evidence.GetProperty("items")[0].GetProperty("id").GetString()!;
        using (var bad = await _contributor.PostAsJsonAsync($"/api/plans/{plan}/actions", new { title = "", dueOn = "31/03/2027", status = "going well", elements = new[] { "place-making/no-such" } }))
        {
            var errors = (await JsonAsync(bad, HttpStatusCode.BadRequest)).GetProperty("errors");
            foreach (var field in new[] { "title", "dueOn", "status", "elements" })
            {
                errors.TryGetProperty(field, out _).ShouldBeTrue(field);
            }
        }
        var json = await JsonAsync(await _contributor.PostAsJsonAsync($"/api/plans/{plan}/actions", new
        {
            title = "Community health hubs in every township",
            owner = "Director of Public Health",
            partners = new[] { "Wigan Borough Clinical Commissioning Group", "Wigan and Leigh Carers Centre" },
            startOn = "2025-04-01",
            dueOn = "2027-03-31",
            elements = new[] { "place-making/health", "four-rs/renew" },
            evidence = new[] { slug },
        }), HttpStatusCode.OK);
        var action = json.GetProperty("actions")[0];
        action.GetProperty("status").GetString().ShouldBe("not-started");
        var actionId = action.GetProperty("id").GetInt64();

        json = await JsonAsync(await _contributor.PostAsJsonAsync($"/api/plans/{plan}/actions/{actionId}/updates", new { on = "2026-06-30", status = "at-risk", note = "Two sites delayed by planning." }), HttpStatusCode.OK);
        action = json.GetProperty("actions")[0];
        action.GetProperty("status").GetString().ShouldBe("at-risk");
        action.GetProperty("updates")[0].GetProperty("on").GetString().ShouldBe("2026-06-30");
        action.GetProperty("evidence")[0].GetString().ShouldBe(slug);

        var page = await _contributor.GetHtmlAsync($"/plans/{plan}/actions/{actionId}");
        page.QuerySelector("main .govuk-tag")!.TextContent.Trim().ShouldBe("At risk");
        page.QuerySelector("main")!.TextContent.ShouldContain("Two sites delayed by planning.");
        page.QuerySelectorAll($"main a[href='/evidence/{slug}']").Length.ShouldBe(1);

        // The grid counts the action under Health and Renew, and nowhere else.
        var overview = await _contributor.GetHtmlAsync($"/plans/{plan}");
        var grid = overview.QuerySelectorAll("main table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("by element and pillar"));
        var headers = grid.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        var health = grid.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Health");
        health.QuerySelectorAll("td")[headers.IndexOf("Renew") - 1].TextContent.Trim().ShouldBe("1 action");
        grid.QuerySelectorAll("tbody td").Count(td => td.TextContent.Trim() != "None").ShouldBe(1);

        // Coverage: Health is covered, the other fifteen areas of focus are gaps, each beside the library's count.
        var coverage = await _contributor.GetHtmlAsync($"/plans/{plan}/coverage");
        var lines = coverage.QuerySelectorAll("main table tbody tr").ToList();
        lines.Count.ShouldBe(16);
        lines.Single(r => r.QuerySelector("th")!.TextContent.Trim() == "Health").Children[4].TextContent.Trim().ShouldBe("Covered");
        lines.Count(r => r.Children[4].TextContent.Trim() == "Gap").ShouldBe(15);

        // The printable report and the downloads carry the same.
        (await _contributor.GetStringAsync($"/plans/{plan}/report")).ShouldContain("Two sites delayed by planning.");
        var csv = await _contributor.GetStringAsync($"/api/plans/{plan}/export?format=csv");
        csv.ShouldContain("Community health hubs in every township");
        csv.ShouldContain("at-risk");
    }
}
