using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Assessments;
using Observatory.Testing;

namespace Observatory.Web.Tests.Assessments;

/// <summary>
/// Assessing as an organisation through the GOV.UK question pages, with JavaScript off as the HTTP client is: start,
/// one section per page, save and come back later, check your answers, submit, results year on year, delegation.
/// </summary>
public sealed class OrganisationAssessmentPagesTests : IAsyncLifetime
{
    private const string Officer = "officer@wigan.gov.uk";
    private const string Colleague = "colleague@wigan.gov.uk";
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _officer = null!;
    private HttpClient _outsider = null!;
    private Organisation _wigan = null!;
    private Person _person = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        _wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        var salford = await TestAccounts.OrganisationAsync(_app.Services, "Salford City Council", "E08000006");
        _person = await TestAccounts.MemberAsync(_app.Services, Officer, _wigan, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, Colleague, _wigan, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, "officer@salford.gov.uk", salford, Role.OrganisationAdmin);
        _officer = await TestAccounts.ClientAsync(_app, Officer);
        _outsider = await TestAccounts.ClientAsync(_app, "officer@salford.gov.uk");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private AssessmentTemplate DigitalMaturity => _app.Services.GetRequiredService<AssessmentCatalogue>().Find("digital-maturity")!;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await TestAccounts.FormTokenAsync(client, url.Split('?')[0]);
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    /// <summary>An assessment made through the service as the officer, with <paramref name="answers"/> saved.</summary>
    private async Task<long> AssessmentAsync(string period, IEnumerable<AnswerInput> answers, bool submit = false)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = await accounts.ActorForAsync(_person, TokenScopes.Read | TokenScopes.Write);
        var service = scope.ServiceProvider.GetRequiredService<OrganisationAssessments>();
        var id = (await service.StartAsync("wigan-council", "digital-maturity", period)).ShouldSucceed().Assessment.Id;
        await service.SaveAnswersAsync(id, [.. answers]).ShouldSucceed();
        if (submit)
        {
            await service.SubmitAsync(id).ShouldSucceed();
        }
        return id;
    }

    [Fact]
    public async Task An_officer_starts_an_assessment_answers_a_section_and_comes_back_later()
    {
        var list = await _officer.GetHtmlAsync("/organisations/wigan-council/assessments");
        list.Body!.TextContent.ShouldContain("has not started an assessment yet");
        list.QuerySelector("select[name=templateId] option[value=digital-maturity]").ShouldNotBeNull();

        using var refused = await PostAsync(_officer, "/organisations/wigan-council/assessments?handler=Start", ("templateId", "digital-maturity"), ("period", "2026-27"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refusedPage = (await refused.Content.ReadAsStringAsync()).ParseHtml();
        refusedPage.QuerySelector(".govuk-error-summary a[href='#period']")!.TextContent.ShouldContain("for example 2026/27");

        using var started = await PostAsync(_officer, "/organisations/wigan-council/assessments?handler=Start", ("templateId", "digital-maturity"), ("period", "2026/27"));
        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var first = started.Headers.Location!.ToString();
        first.ShouldEndWith("/sections/connectivity");

        var section = await _officer.GetHtmlAsync(first);
        section.QuerySelector("h1")!.TextContent.ShouldBe("Connectivity");
        section.QuerySelectorAll("input[type=radio][name='answers.connectivity-coverage']").Length.ShouldBe(5);
        section.QuerySelector("textarea[name='answers.connectivity-coverage.evidence']").ShouldNotBeNull();
        section.QuerySelector("select[name='answers.connectivity-coverage.target']").ShouldNotBeNull();
        section.QuerySelectorAll("details").Length.ShouldBe(2, "the evidence and target of each question are folded away");

        using var tampered = await PostAsync(_officer, first, ("answers.connectivity-coverage", "6"), ("answers.connectivity-staff-access.evidence", "intranet page"), ("then", "continue"));
        tampered.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await tampered.Content.ReadAsStringAsync()).ParseHtml();
        var links = errors.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")!).ToList();
        links.ShouldBe(["#answers.connectivity-coverage", "#answers.connectivity-staff-access.evidence"]);
        foreach (var link in links)
        {
            errors.GetElementById(link[1..]).ShouldNotBeNull($"the error summary's link {link} reaches its field");
        }
        errors.QuerySelectorAll("details[open]").Length.ShouldBe(1, "the folded fields with an error are shown open");
        errors.QuerySelector("textarea[name='answers.connectivity-staff-access.evidence']")!.TextContent.Trim().ShouldBe("intranet page");

        using var next = await PostAsync(_officer, first, ("answers.connectivity-coverage", "3"), ("answers.connectivity-coverage.evidence", "https://www.wigan.gov.uk/digital"),
            ("answers.connectivity-coverage.confidence", "high"), ("answers.connectivity-coverage.target", "4"), ("then", "continue"));
        next.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        next.Headers.Location!.ToString().ShouldEndWith("/sections/data");

        using var later = await PostAsync(_officer, next.Headers.Location!.ToString(), ("answers.data-use", "2"), ("then", "later"));
        later.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        later.Headers.Location!.ToString().ShouldBe("/organisations/wigan-council/assessments");
        var back = await _officer.GetHtmlAsync("/organisations/wigan-council/assessments");
        back.QuerySelector(".govuk-notification-banner")!.TextContent.ShouldContain("were saved");
        var row = back.QuerySelectorAll("tbody tr").ShouldHaveSingleItem();
        row.TextContent.Normalised().ShouldContain($"2 of {DigitalMaturity.QuestionCount}");
        row.TextContent.ShouldContain("In progress");

        var again = await _officer.GetHtmlAsync(first);
        again.QuerySelector("input[name='answers.connectivity-coverage'][value='3']")!.HasAttribute("checked").ShouldBeTrue();
        again.QuerySelector("details[open] textarea[name='answers.connectivity-coverage.evidence']")!.TextContent.Trim().ShouldBe("https://www.wigan.gov.uk/digital");
    }

    [Fact]
    public async Task Check_your_answers_links_each_answer_to_its_page_and_submits_only_when_complete()
    {
        var all = DigitalMaturity.Questions.Select(q => new AnswerInput(q.Id, "3")).ToList();
        var id = await AssessmentAsync("2026/27", all.Where(a => a.QuestionId != "value-spend"));

        var check = await _officer.GetHtmlAsync($"/assessments/{id}/check");
        check.QuerySelector("h1")!.TextContent.ShouldBe("Check your answers");
        check.QuerySelector($"a[href='/assessments/{id}/sections/data#answers.data-use']").ShouldNotBeNull();
        check.GetElementById("answers.value-spend")!.TextContent.ShouldContain("Not answered");
        check.QuerySelector(".govuk-warning-text")!.TextContent.ShouldContain("1 question is not answered yet");

        using var incomplete = await PostAsync(_officer, $"/assessments/{id}/check?handler=Submit");
        incomplete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refused = (await incomplete.Content.ReadAsStringAsync()).ParseHtml();
        refused.QuerySelector(".govuk-error-summary a[href='#answers.value-spend']").ShouldNotBeNull();

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = await scope.ServiceProvider.GetRequiredService<AccountService>().ActorForAsync(_person, TokenScopes.Read | TokenScopes.Write);
            await scope.ServiceProvider.GetRequiredService<OrganisationAssessments>().SaveAnswersAsync(id, [new AnswerInput("value-spend", "4")]).ShouldSucceed();
        }
        using var submitted = await PostAsync(_officer, $"/assessments/{id}/check?handler=Submit");
        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        submitted.Headers.Location!.ToString().ShouldBe($"/assessments/{id}/results");

        var after = await _officer.GetHtmlAsync($"/assessments/{id}/check");
        after.QuerySelector("h1")!.TextContent.ShouldBe("Your answers");
        after.QuerySelectorAll(".govuk-summary-list__actions a, .govuk-summary-card__action a").ShouldBeEmpty();
        (await _officer.GetAsync($"/assessments/{id}/sections/data")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a submitted assessment's answers are read, not changed");

        var results = await _officer.GetHtmlAsync($"/assessments/{id}/results");
        results.QuerySelector("figure svg[role=img]").ShouldNotBeNull();
        var data = results.QuerySelectorAll("table")[0].QuerySelectorAll("tr").Single(r => r.QuerySelector("th")?.TextContent == "Value");
        data.TextContent.ShouldContain("3 – Learning");
        data.TextContent.ShouldContain("3.5");
        using var optIn = await PostAsync(_officer, $"/assessments/{id}/results?handler=Benchmarking", ("optIn", "true"));
        optIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _officer.GetStringAsync($"/assessments/{id}/results")).ShouldContain("Your answers count in the anonymised benchmarks.");
    }

    [Fact]
    public async Task Results_show_the_change_since_last_year_and_targets_against_now()
    {
        await AssessmentAsync("2025/26", DigitalMaturity.Questions.Select(q => new AnswerInput(q.Id, q.Id == "data-use" ? "1" : "2")), submit: true);
        var id = await AssessmentAsync("2026/27", DigitalMaturity.Questions.Select(q => new AnswerInput(q.Id, q.Id == "data-use" ? "4" : "2",
            Target: q.Id == "data-use" ? "5" : null, Action: q.Id == "data-use" ? "Publish the data strategy" : null)));

        var results = await _officer.GetHtmlAsync($"/assessments/{id}/results");

        results.QuerySelectorAll("h2").Select(h => h.TextContent).ShouldContain("Change since 2025/26");
        var change = results.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.StartsWith("Change since 2025/26", StringComparison.Ordinal));
        var data = change.QuerySelectorAll("tr").Single(r => r.QuerySelector("th")?.TextContent == "Data");
        data.QuerySelectorAll("td").Select(c => c.TextContent).ShouldBe(["1 – Beginning", "2 – Emerging", "1.5", "3.0", "+1.5"]);
        var answers = results.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent.Contains("changed since", StringComparison.Ordinal));
        answers.QuerySelector("caption")!.TextContent.ShouldBe("1 answer changed since 2025/26");
        answers.QuerySelector("tbody tr")!.QuerySelectorAll("td").Select(c => c.TextContent).ShouldBe(["1 – Beginning", "4 – Developing"]);
        var targets = results.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Targets against now");
        targets.QuerySelector("tbody tr")!.QuerySelectorAll("td").Select(c => c.TextContent).ShouldBe(["4 – Developing", "5 – Mastering", "Publish the data strategy"]);
        results.Body!.TextContent.ShouldNotContain("Benchmarking", Case.Sensitive);

        using var copied = await PostAsync(_officer, "/organisations/wigan-council/assessments?handler=Start", ("templateId", "digital-maturity"), ("period", "2027/28"), ("copyForward", "true"));
        copied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await _officer.GetHtmlAsync("/organisations/wigan-council/assessments");
        list.QuerySelector(".govuk-notification-banner")!.TextContent.ShouldContain("copied in");
        list.QuerySelectorAll("tbody tr")[0].TextContent.Normalised().ShouldContain($"2027/28 In progress {DigitalMaturity.QuestionCount} of {DigitalMaturity.QuestionCount}");
    }

    [Fact]
    public async Task A_section_given_to_a_colleague_shows_as_assigned_to_them()
    {
        var id = await AssessmentAsync("2026/27", []);
        var check = await _officer.GetHtmlAsync($"/assessments/{id}/check");
        var colleague = check.QuerySelectorAll("select[name=personId] option").First(o => o.TextContent == "colleague").GetAttribute("value")!;

        using var assigned = await PostAsync(_officer, $"/assessments/{id}/check?handler=Assign", ("sectionId", "security"), ("personId", colleague));

        assigned.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _officer.GetStringAsync($"/assessments/{id}/check")).ShouldContain("Assigned to colleague.");
        var theirs = await TestAccounts.ClientAsync(_app, Colleague);
        var list = await theirs.GetHtmlAsync("/organisations/wigan-council/assessments");
        list.QuerySelector("tbody tr")!.QuerySelectorAll("td")[4].TextContent.ShouldBe(DigitalMaturity.Topics.Single(t => t.Id == "security").Title);
        (await _officer.GetHtmlAsync("/organisations/wigan-council/assessments")).QuerySelector("tbody tr")!.QuerySelectorAll("td")[4].TextContent.ShouldBe("");
    }

    [Fact]
    public async Task Another_organisation_finds_none_of_the_pages()
    {
        var id = await AssessmentAsync("2026/27", [new AnswerInput("data-use", "2")]);

        foreach (var path in new[] { "/organisations/wigan-council/assessments", $"/assessments/{id}/check", $"/assessments/{id}/results", $"/assessments/{id}/sections/data" })
        {
            (await _outsider.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }
        var anonymous = await _app.ClientAsync();
        (await anonymous.GetAsync($"/assessments/{id}/check")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "a visitor is asked to sign in to the working pages");
        // Results can be made public, so their page is open to visitors: a private one does not exist to them.
        (await anonymous.GetAsync($"/assessments/{id}/results")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "a private assessment's results are not found by a visitor");
    }
}
