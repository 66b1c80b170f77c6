using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Frameworks;
using Observatory.Testing;

namespace Observatory.Web.Tests.Assessments;

/// <summary>
/// What an organisation can assess against and how a new round follows the last, through the pages with JavaScript
/// off and over the API: any framework of the catalogue as a checklist (its own imported one included, which no other
/// organisation can reach), and a round copied forward, changed on its question pages, whose results show the change.
/// </summary>
public sealed class AssessmentChoicesPagesTests : IAsyncLifetime
{
    private const string Plan = """
        id: wigan-recovery-plan
        name: Wigan recovery plan
        version: "1"
        publisher: Wigan Council
        group: Your organisation's frameworks
        summary: Our own priorities.
        source:
          file: plan.pdf
          section: All
        elements:
          - id: housing
            name: Homes for everyone
            kind: theme
            description: Enough good homes.
            children:
              - id: empty-homes
                name: Bring empty homes back into use
                kind: objective
                description: Fewer homes standing empty.
          - id: skills
            name: Skills for work
            kind: theme
            description: Skills people need.
        """;

    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _officer = null!;
    private Person _person = null!;
    private Person _outsider = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        var salford = await TestAccounts.OrganisationAsync(_app.Services, "Salford City Council", "E08000006");
        _person = await TestAccounts.MemberAsync(_app.Services, "officer@wigan.gov.uk", wigan, Role.Contributor);
        _outsider = await TestAccounts.MemberAsync(_app.Services, "admin@salford.gov.uk", salford, Role.OrganisationAdmin);
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = await scope.ServiceProvider.GetRequiredService<AccountService>().ActorForAsync(_person, TokenScopes.Read | TokenScopes.Write);
        (await scope.ServiceProvider.GetRequiredService<FrameworkLibrary>().ImportAsync("plan.yaml", Plan, "officer", wigan.Id, Visibility.Private)).ShouldSucceed();
        _officer = await TestAccounts.ClientAsync(_app, "officer@wigan.gov.uk");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private AssessmentTemplate DigitalMaturity => _app.Services.GetRequiredService<AssessmentCatalogue>().Find("digital-maturity")!;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await TestAccounts.FormTokenAsync(client, url.Split('?')[0]);
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    [Fact]
    public async Task The_start_form_offers_every_framework_as_a_checklist_including_the_organisations_own()
    {
        var list = await _officer.GetHtmlAsync("/organisations/wigan-council/assessments");
        var options = list.QuerySelectorAll("select[name=templateId] option").Select(o => o.GetAttribute("value")).ToList();
        options.ShouldContain("digital-maturity");
        options.ShouldContain("framework-wigan-recovery-plan", "its own imported framework");
        await using var scope = _app.Services.CreateAsyncScope();
        var shippedFrameworks = scope.ServiceProvider.GetRequiredService<FrameworkLibrary>().Shipped.Frameworks;
        shippedFrameworks.Count.ShouldBeGreaterThan(0);
        foreach (var framework in shippedFrameworks)
        {
            options.ShouldContain(FrameworkChecklist.TemplateId(framework.Id), $"the shipped framework {framework.Id}");
        }

        using var started = await PostAsync(_officer, "/organisations/wigan-council/assessments?handler=Start", ("templateId", "framework-wigan-recovery-plan"), ("period", "2026/27"));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        started.Headers.Location!.ToString().ShouldEndWith("/sections/housing");
        var section = await _officer.GetHtmlAsync(started.Headers.Location!.ToString());
        section.QuerySelector("h1")!.TextContent.ShouldBe("Homes for everyone");
        section.QuerySelectorAll("input[type=radio][name='answers.empty-homes']").Length.ShouldBe(4, "yes, partly, no, not applicable");

        // Another organisation can neither see the choice nor start it over the API.
        var outsiderList = await (await TestAccounts.ClientAsync(_app, "admin@salford.gov.uk")).GetStringAsync("/organisations/salford-city-council/assessments");
        outsiderList.ShouldNotContain("framework-wigan-recovery-plan");
        using var refused = await (await TestAccounts.TokenClientAsync(_app, _outsider)).PostAsJsonAsync("/api/organisations/salford-city-council/assessments", new { templateId = "framework-wigan-recovery-plan", period = "2026/27" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("There is no assessment template");

        // Over the API, the organisation's own checklist starts like any template.
        using var api = await (await TestAccounts.TokenClientAsync(_app, _person)).PostAsJsonAsync("/api/organisations/wigan-council/assessments", new { templateId = "framework-wigan-recovery-plan", period = "2027/28" });
        api.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await api.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("template").GetString().ShouldBe("framework-wigan-recovery-plan");
        body.GetProperty("questions").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_round_copied_forward_and_changed_on_its_pages_shows_the_change_in_its_results()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = await scope.ServiceProvider.GetRequiredService<AccountService>().ActorForAsync(_person, TokenScopes.Read | TokenScopes.Write);
            var service = scope.ServiceProvider.GetRequiredService<OrganisationAssessments>();
            var id = (await service.StartAsync("wigan-council", "digital-maturity", "2025/26")).ShouldSucceed().Assessment.Id;
            await service.SaveAnswersAsync(id, [.. DigitalMaturity.Questions.Select(q => new AnswerInput(q.Id, "2", Note: q.Id == "data-use" ? "Data strategy drafted" : null))]).ShouldSucceed();
            await service.SubmitAsync(id).ShouldSucceed();
        }

        using var started = await PostAsync(_officer, "/organisations/wigan-council/assessments?handler=Start", ("templateId", "digital-maturity"), ("period", "2026/27"), ("copyForward", "true"));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id2 = long.Parse(started.Headers.Location!.ToString().Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);

        // The copied answers and evidence are on the question pages, to be checked rather than typed again.
        var data = await _officer.GetHtmlAsync($"/assessments/{id2}/sections/data");
        data.QuerySelector("input[name='answers.data-use'][value='2']")!.HasAttribute("checked").ShouldBeTrue();
        data.QuerySelector("textarea[name='answers.data-use.note']")!.TextContent.Trim().ShouldBe("Data strategy drafted");
        (await _officer.GetStringAsync($"/assessments/{id2}/check")).ShouldContain("copied forward from your previous assessment");

        // The officer raises one answer on its page, keeping the rest of the section as copied.
        var fields = DigitalMaturity.Topics.Single(t => t.Id == "data").Questions
            .Select(q => ($"answers.{q.Id}", q.Id == "data-use" ? "4" : "2")).Append(("answers.data-use.note", "Data strategy adopted")).Append(("then", "later")).ToArray();
        using var saved = await PostAsync(_officer, $"/assessments/{id2}/sections/data", fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var results = await _officer.GetHtmlAsync($"/assessments/{id2}/results");
        var changed = results.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("changed since", StringComparison.Ordinal));
        changed.QuerySelector("caption")!.TextContent.ShouldBe("1 answer changed since 2025/26");
        changed.QuerySelector("tbody tr")!.QuerySelectorAll("td").Select(c => c.TextContent).ShouldBe(["2 – Emerging", "4 – Developing"]);
        var byPart = results.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.StartsWith("Change since 2025/26", StringComparison.Ordinal));
        byPart.QuerySelectorAll("tr").Single(r => r.QuerySelector("th")?.TextContent == "Data").QuerySelectorAll("td").Last().TextContent.ShouldBe("+1.0");
    }
}
