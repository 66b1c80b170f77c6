using System.Net;
using Observatory.Accounts;
using Observatory.Testing;

namespace Observatory.Web.Tests.Registers;

/// <summary>
/// The register's signed-in pages, as an officer uses them without JavaScript: start a record, fill it in (with a
/// model added through the blank entry), see each problem beside its field, send it for approval; the approver
/// publishes it from the same page and it appears in the public register.
/// </summary>
public sealed class AlgorithmRecordPagesTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _officer = null!;
    private HttpClient _approver = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var alpha = await TestAccounts.OrganisationAsync(_app.Services, "Alpha Council", "E08000010");
        await TestAccounts.MemberAsync(_app.Services, "officer@alpha.gov.uk", alpha, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, "approver@alpha.gov.uk", alpha, Role.Approver);
        _officer = await TestAccounts.ClientAsync(_app, "officer@alpha.gov.uk");
        _approver = await TestAccounts.ClientAsync(_app, "approver@alpha.gov.uk");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TestAccounts.FormTokenAsync(client, page);
        return await client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task An_officer_writes_a_record_on_the_pages_and_the_approver_publishes_it()
    {
        const string Mine = "/organisations/alpha-council/algorithms";
        using var created = await PostAsync(_officer, Mine, "Create", new() { ["title"] = "Benefit claim risk scoring" });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var edit = created.Headers.Location!.ToString();
        edit.ShouldEndWith("/edit");

        // A wrong value is shown beside its field and in the error summary; nothing is saved.
        using var refused = await PostAsync(_officer, edit, "Save", new() { ["title"] = "Benefit claim risk scoring", ["contact_email"] = "nobody", ["then"] = "save" });
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var form = (await refused.Content.ReadAsStringAsync()).ParseHtml();
        form.QuerySelector(".govuk-error-summary a[href='#contact_email']").ShouldNotBeNull();
        form.QuerySelector("#contact_email-error").ShouldNotBeNull();
        (await _officer.GetHtmlAsync(edit)).QuerySelector("#contact_email")!.GetAttribute("value").ShouldBeNull();

        var fields = new Dictionary<string, string>
        {
            ["title"] = "Benefit claim risk scoring",
            ["name"] = "Benefit claim risk scoring",
            ["organisation_name"] = "Alpha Council",
            ["phase"] = "production",
            ["region"] = "north-west",
            ["one_sentence_description"] = "Flags housing benefit claims for a second check.",
            ["description"] = "Scores each new claim; an officer reviews every flagged one.",
            ["website_url"] = "https://alpha.gov.uk/benefits/risk-scoring",
            ["contact_email"] = "algorithms@alpha.gov.uk",
            ["model_specifications-1-model_name"] = "Claim risk model",
            ["model_specifications-1-model_version"] = "2.1",
            ["then"] = "submit",
        };
        using var sent = await PostAsync(_officer, edit, "Save", fields);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var waiting = await _officer.GetHtmlAsync(edit);
        waiting.QuerySelector("#record-state")!.TextContent.ShouldContain("Waiting for approval");
        waiting.QuerySelector("#read-only").ShouldNotBeNull("a contributor may not change a record in review");
        waiting.QuerySelector("#group-model")!.ParentElement!.TextContent.ShouldContain("Claim risk model");

        using var published = await PostAsync(_approver, edit, "Publish", new() { ["changeNote"] = "First publication." });
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = edit.Split('/')[3];
        var page = await _approver.GetHtmlAsync($"/registers/algorithms/{id}");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Benefit claim risk scoring");
        page.QuerySelector("#history")!.ParentElement!.TextContent.ShouldContain("First publication.");
        (await _approver.GetHtmlAsync(Mine)).QuerySelector("#records")!.TextContent.ShouldContain("Published");
    }
}
