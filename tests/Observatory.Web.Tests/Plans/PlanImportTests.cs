using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Testing;

namespace Observatory.Web.Tests.Plans;

/// <summary>
/// Importing a plan's targets and actions from a CSV file or an Excel workbook through the real app over HTTP: all or nothing, every
/// problem naming the file, line, column and field; the plan's own CSV download imports back as it is; and nobody
/// outside the organisation learns the plan exists by trying.
/// </summary>
public sealed class PlanImportTests : IAsyncLifetime
{
    private const string Wigan = "E08000010";
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _contributor = null!;
    private HttpClient _outsider = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", Wigan);
        var bolton = await TestAccounts.OrganisationAsync(_app.Services, "Bolton Council", "E08000001");
        // Files are sent by scripts with a write token (a signed-in browser writes through the API with JSON only).
        _contributor = await ScriptAsync(await TestAccounts.MemberAsync(_app.Services, "officer@wigan.gov.uk", wigan, Role.Contributor));
        _outsider = await ScriptAsync(await TestAccounts.MemberAsync(_app.Services, "admin@bolton.gov.uk", bolton, Role.OrganisationAdmin));
    }

    private async Task<HttpClient> ScriptAsync(Person person)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTokenAsync(person.Id, "script", TokenScopes.Read | TokenScopes.Write, 30).ShouldSucceed();
        var client = await _app.ClientAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(expected, body);
            return JsonDocument.Parse(body).RootElement;
        }
    }

    private async Task<long> StartPlanAsync(string title) =>
        (await JsonAsync(await _contributor.PostAsJsonAsync("/api/organisations/wigan-council/plans", new { title, place = Wigan, startYear = 2025, endYear = 2030 }), HttpStatusCode.Created))
            .GetProperty("id").GetInt64();

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, long plan, string csv, string name = "plan.csv")
    {
        var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = name };
        return client.PostAsync($"/api/plans/{plan}/import", content);
    }

    /// <summary>A plan's targets as one line each: indicator, area, baseline period, target period and value, elements.</summary>
    private static string Targets(JsonElement plan) => string.Join("|", plan.GetProperty("targets").EnumerateArray().Select(t =>
        $"{t.GetProperty("indicator").GetString()} {t.GetProperty("area").GetString()} {t.GetProperty("baseline").GetProperty("period").GetString()} {t.GetProperty("target").GetProperty("period").GetString()} {t.GetProperty("target").GetProperty("value").GetDouble()} {string.Join(' ', t.GetProperty("elements").EnumerateArray())}"));

    /// <summary>A plan's actions as one line each: title, owner, partners, dates, status, elements.</summary>
    private static string Actions(JsonElement plan) => string.Join("|", plan.GetProperty("actions").EnumerateArray().Select(a =>
        $"{a.GetProperty("title").GetString()} {a.GetProperty("owner").GetString()} {string.Join(';', a.GetProperty("partners").EnumerateArray())} {a.GetProperty("startOn").GetString()} {a.GetProperty("dueOn").GetString()} {a.GetProperty("status").GetString()} {string.Join(' ', a.GetProperty("elements").EnumerateArray())}"));

    private static Task<HttpResponseMessage> ImportWorkbookAsync(HttpClient client, long plan, byte[] workbook, string name = "plan.xlsx")
    {
        var content = new ByteArrayContent(workbook);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = name };
        return client.PostAsync($"/api/plans/{plan}/import", content);
    }

    private const string Header = "kind,title,indicator,area,target_period,target_value,owner,start_on,due_on,status,elements,partners";

    [Fact]
    public async Task A_file_with_mistakes_adds_nothing_and_names_the_file_line_column_and_field_of_each()
    {
        var plan = await StartPlanAsync("Wigan plan from a spreadsheet");
        var good = """
            target,,claimant-count,,2030,3.0,,,,,place-making/social-equity four-rs/renew,
            action,Jobs fairs in each township,,,,,Economy team,2025-04-01,2026-03-31,on-track,place-making/social-equity,Jobcentre Plus; Wigan and Leigh College
            """;
        var csv = Header + "\n" + good + "\n"
            + "target,,claimant-count,,2030,lots,,,,,,\n"
            + "action,Community health hubs,,,,,,,31/03/2027,,,\n"
            + "target,,no-such-indicator,,2030,1,,,,,,\n"
            + "milestone,Something else,,,,,,,,,,\n";
        var problem = await JsonAsync(await ImportAsync(_contributor, plan, csv), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString()!)).ToList();
        errors.ShouldContain(e => e.StartsWith("plan.csv:4:6: target_value:", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("plan.csv:5:9: due_on:", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("plan.csv:6:3: indicator:", StringComparison.Ordinal) && e.Contains("no-such-indicator"));
        errors.ShouldContain(e => e.StartsWith("plan.csv:7:1: kind:", StringComparison.Ordinal));
        // A number that could not be read is reported once, not again as missing.
        errors.Count(e => e.StartsWith("plan.csv:4:", StringComparison.Ordinal)).ShouldBe(1);
        errors.Count.ShouldBe(4);
        // Nothing was added, though two lines were right.
        var json = await JsonAsync(await _contributor.GetAsync($"/api/plans/{plan}"), HttpStatusCode.OK);
        json.GetProperty("targets").GetArrayLength().ShouldBe(0);
        json.GetProperty("actions").GetArrayLength().ShouldBe(0);

        // The right lines alone are added, every one.
        json = await JsonAsync(await ImportAsync(_contributor, plan, Header + "\n" + good + "\n"), HttpStatusCode.OK);
        var target = json.GetProperty("targets").EnumerateArray().Single();
        target.GetProperty("indicator").GetString().ShouldBe("claimant-count");
        target.GetProperty("area").GetString().ShouldBe(Wigan);
        target.GetProperty("target").GetProperty("value").GetDouble().ShouldBe(3.0);
        target.GetProperty("elements").EnumerateArray().Select(e => e.GetString()).ShouldBe(["place-making/social-equity", "four-rs/renew"]);
        var action = json.GetProperty("actions").EnumerateArray().Single();
        action.GetProperty("title").GetString().ShouldBe("Jobs fairs in each township");
        action.GetProperty("status").GetString().ShouldBe("on-track");
        action.GetProperty("dueOn").GetString().ShouldBe("2026-03-31");
        action.GetProperty("partners").EnumerateArray().Select(p => p.GetString()).ShouldBe(["Jobcentre Plus", "Wigan and Leigh College"]);
    }

    [Fact]
    public async Task A_plans_CSV_download_imports_into_another_plan_as_it_is()
    {
        var source = await StartPlanAsync("Wigan plan 2025 to 2030");
        await ImportAsync(_contributor, source, Header + "\n"
            + "target,,claimant-count,,2030,3.0,,,,,place-making/social-equity,\n"
            + "target,,gigabit-capable-broadband,,2029,99,,,,,place-making/connectivity,\n"
            + "action,Full fibre to every township,,,,,Digital team,2025-06-01,2028-12-31,at-risk,place-making/connectivity four-rs/reform,Openreach; CityFibre\n");
        var download = await _contributor.GetStringAsync($"/api/plans/{source}/export?format=csv");

        var copy = await StartPlanAsync("Wigan plan, next draft");
        var json = await JsonAsync(await ImportAsync(_contributor, copy, download, $"plan-{source}.csv"), HttpStatusCode.OK);
        var original = await JsonAsync(await _contributor.GetAsync($"/api/plans/{source}"), HttpStatusCode.OK);
        Targets(json).ShouldBe(Targets(original));
        Actions(json).ShouldBe(Actions(original));
        json.GetProperty("targets").GetArrayLength().ShouldBe(2);
        json.GetProperty("actions")[0].GetProperty("partners").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_workbook_gives_the_same_plan_as_its_CSV_and_a_bad_row_is_named_by_its_row_on_the_sheet_and_field()
    {
        object?[] header = [.. Header.Split(',')];
        // As Excel saves them: the period and value as numbers, the dates as dates, a text cell for the rest.
        object?[] target = ["target", null, "claimant-count", null, 2030, 3.5, null, null, null, null, "place-making/social-equity four-rs/renew", null];
        object?[] action = ["action", "Jobs fairs in each township", null, null, null, null, "Economy team", new DateTime(2025, 4, 1), new DateTime(2026, 3, 31), "on-track",
            "place-making/social-equity", "Jobcentre Plus; Wigan and Leigh College"];

        // The header on row 2, an empty row 5: problems name rows 4 and 6, as Excel numbers them.
        var plan = await StartPlanAsync("Wigan plan from a workbook");
        var bad = TestWorkbook.Build("Plan", 2, header, target,
            ["target", null, "claimant-count", null, 2030, "lots", null, null, null, null, null, null],
            [],
            ["action", "Community health hubs", null, null, null, null, null, null, "31/03/2027", null, null, null]);
        var problem = await JsonAsync(await ImportWorkbookAsync(_contributor, plan, bad), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString()!)).ToList();
        errors.ShouldContain(e => e.StartsWith("plan.xlsx:4:6: target_value: 'lots' is not a number", StringComparison.Ordinal));
        errors.ShouldContain(e => e.StartsWith("plan.xlsx:6:9: due_on:", StringComparison.Ordinal));
        errors.Count.ShouldBe(2);
        var json = await JsonAsync(await _contributor.GetAsync($"/api/plans/{plan}"), HttpStatusCode.OK);
        json.GetProperty("targets").GetArrayLength().ShouldBe(0, "nothing is added though one line was right");

        json = await JsonAsync(await ImportWorkbookAsync(_contributor, plan, TestWorkbook.Build("Plan", 2, header, target, action)), HttpStatusCode.OK);
        json.GetProperty("targets")[0].GetProperty("target").GetProperty("value").GetDouble().ShouldBe(3.5);
        json.GetProperty("actions")[0].GetProperty("dueOn").GetString().ShouldBe("2026-03-31");

        // The same lines as CSV give the same plan.
        var fromCsv = await StartPlanAsync("Wigan plan from a CSV file");
        var csv = await JsonAsync(await ImportAsync(_contributor, fromCsv, Header + "\n"
            + "target,,claimant-count,,2030,3.5,,,,,place-making/social-equity four-rs/renew,\n"
            + "action,Jobs fairs in each township,,,,,Economy team,2025-04-01,2026-03-31,on-track,place-making/social-equity,Jobcentre Plus; Wigan and Leigh College\n"), HttpStatusCode.OK);
        Targets(json).ShouldBe(Targets(csv));
        Actions(json).ShouldBe(Actions(csv));
        Targets(json).ShouldNotBeEmpty();

        // A file named .xlsx that is not a workbook is refused naming it.
        var notAWorkbook = await JsonAsync(await ImportWorkbookAsync(_contributor, plan, Encoding.UTF8.GetBytes(Header + "\n")), HttpStatusCode.BadRequest);
        notAWorkbook.GetRawText().ShouldContain("plan.xlsx: is not an Excel workbook (.xlsx)");
        // An outsider is told the plan does not exist, whatever the file.
        using var outsider = await ImportWorkbookAsync(_outsider, plan, TestWorkbook.Build(header, target));
        outsider.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await JsonAsync(await _contributor.GetAsync($"/api/plans/{plan}"), HttpStatusCode.OK)).GetProperty("targets").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Someone_outside_the_organisation_is_told_the_plan_does_not_exist_and_nothing_is_added()
    {
        var plan = await StartPlanAsync("Wigan private draft");
        using (var response = await ImportAsync(_outsider, plan, Header + "\ntarget,,claimant-count,,2030,3.0,,,,,,\n"))
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        (await JsonAsync(await _contributor.GetAsync($"/api/plans/{plan}"), HttpStatusCode.OK)).GetProperty("targets").GetArrayLength().ShouldBe(0);
        // A file without the kind column is refused at its first line.
        var problem = await JsonAsync(await ImportAsync(_contributor, plan, "indicator,target_value\nclaimant-count,3\n"), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("kind")[0].GetString()!.ShouldStartWith("plan.csv:1: kind:");
    }
}
