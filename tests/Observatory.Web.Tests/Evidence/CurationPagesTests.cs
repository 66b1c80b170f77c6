using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Evidence;

/// <summary>Submitting, reviewing and publishing evidence, reporting problems and reading versions, through the real app.</summary>
public sealed class CurationPagesTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _contributor = null!;
    private HttpClient _outsider = null!;
    private HttpClient _curator = null!;
    private HttpClient _admin = null!;
    private HttpClient _anonymous = null!;
    private long _wiganId;

    public async Task InitializeAsync()
    {
        _app.Settings["OBSERVATORY_SIGNIN_PER_MINUTE"] = "1000";
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        var bolton = await TestAccounts.OrganisationAsync(_app.Services, "Bolton Council", "E08000001");
        _wiganId = wigan.Id;
        await TestAccounts.MemberAsync(_app.Services, "officer@wigan.gov.uk", wigan, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, "officer@bolton.gov.uk", bolton, Role.Contributor);
        var curator = await TestAccounts.MemberAsync(_app.Services, "curator@socitm.net", bolton, Role.Viewer);
        await TestAccounts.SiteAdministratorAsync(_app.Services, "admin@socitm.net");
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            (await db.People.SingleAsync(p => p.Id == curator.Id)).IsCurator = true;
            await db.SaveChangesAsync();
        }
        _contributor = await TestAccounts.ClientAsync(_app, "officer@wigan.gov.uk");
        _outsider = await TestAccounts.ClientAsync(_app, "officer@bolton.gov.uk");
        _curator = await TestAccounts.ClientAsync(_app, "curator@socitm.net");
        _admin = await TestAccounts.ClientAsync(_app, "admin@socitm.net");
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Dictionary<string, string> Fields(string title = "Wigan community food hubs") => new()
    {
        ["title"] = title,
        ["kind"] = "case-study",
        ["summary"] = "Community food hubs run with local charities.",
        ["body"] = "What was done.\r\n\r\nWhat came of it.",
        ["places"] = "Wigan\r\nE08000001",
        ["organisations"] = "Wigan Council\r\nThe Brick",
        ["year"] = "2023",
        ["links"] = "The hubs https://www.wigan.gov.uk/food",
        ["elements"] = "place-making/food\r\nfour-rs/renew",
        ["strength"] = "2",
        ["status"] = "promising",
        ["organisation"] = _wiganId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["note"] = "From our recovery plan",
    };

    private static async Task<HttpResponseMessage> Post(HttpClient client, string page, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TestAccounts.FormTokenAsync(client, page);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private async Task<EvidenceRecord> Stored(string slug)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().EvidenceItems.AsNoTracking().SingleAsync(e => e.Slug == slug);
    }

    private async Task<List<OutboxMessage>> Outbox()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    [Fact]
    public async Task A_contribution_goes_from_the_form_to_the_queue_and_is_published_without_organisation_names()
    {
        using var submitted = await Post(_contributor, "/evidence/submit", "/evidence/submit", Fields());
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK);
        var confirmation = (await submitted.Content.ReadAsStringAsync()).ParseHtml();
        confirmation.QuerySelector(".govuk-panel__title")!.TextContent.ShouldContain("Evidence submitted");
        confirmation.QuerySelector(".govuk-panel__body")!.TextContent.ShouldContain("/evidence/wigan-community-food-hubs");

        var record = await Stored("wigan-community-food-hubs");
        record.State.ShouldBe(WorkflowState.Submitted);
        record.OrganisationId.ShouldBe(_wiganId);
        record.Item.Places.ShouldBe(["E08000010", "E08000001"], "Wigan was typed by name");
        record.Item.Body.ShouldBe("What was done.\n\nWhat came of it.");
        record.Item.Links.Single().ShouldBe(new EvidenceLink("The hubs", "https://www.wigan.gov.uk/food"));

        // Not published yet: curators see it in the queue; an outsider cannot review it or even find it.
        var queue = await _curator.GetHtmlAsync("/evidence/curation");
        var row = queue.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Wigan community food hubs"));
        row.TextContent.Normalised().ShouldContain("officer Wigan Council");
        (await _outsider.GetAsync("/evidence/curation")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _outsider.GetAsync("/evidence/wigan-community-food-hubs/versions")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _outsider.GetAsync("/evidence/wigan-community-food-hubs/edit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var review = await _curator.GetHtmlAsync("/evidence/curation/wigan-community-food-hubs");
        review.Body!.TextContent.ShouldContain("The Brick");
        review.QuerySelectorAll("button").Select(b => b.TextContent.Trim()).ShouldContain("Publish without organisation names");

        using var published = await Post(_curator, "/evidence/curation/wigan-community-food-hubs", "/evidence/curation/wigan-community-food-hubs?handler=PublishAnonymously", []);
        published.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        record = await Stored("wigan-community-food-hubs");
        record.State.ShouldBe(WorkflowState.Published);
        record.Anonymous.ShouldBeTrue();
        record.Item.ShownOrganisations.ShouldBeEmpty();
        (await Outbox()).Last().ShouldSatisfyAllConditions(m => m.To.ShouldBe("officer@wigan.gov.uk"), m => m.Subject.ShouldContain("published"));

        // The earlier text named the organisations: its version page does not, for readers outside.
        var history = await _anonymous.GetHtmlAsync("/evidence/wigan-community-food-hubs/versions");
        history.QuerySelectorAll("tbody tr").Length.ShouldBe(2);
        history.Body!.TextContent.ShouldContain("Published without organisation names");
        history.Body.TextContent.ShouldNotContain("curator");
        var earlier = await _anonymous.GetHtmlAsync("/evidence/wigan-community-food-hubs/versions/1");
        earlier.Body!.TextContent.ShouldNotContain("The Brick");
        earlier.Body.TextContent.ShouldContain("Published without organisation names");
        (await _contributor.GetStringAsync("/evidence/wigan-community-food-hubs/versions/1")).ShouldContain("The Brick");
        (await _anonymous.GetAsync("/evidence/wigan-community-food-hubs/versions/7")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Published: its submitter may no longer change it.
        (await _contributor.GetAsync("/evidence/wigan-community-food-hubs/edit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_invalid_submission_lists_every_problem_in_one_error_summary_and_stores_nothing()
    {
        var fields = Fields("  ");
        fields["kind"] = "";
        fields["summary"] = "";
        fields["places"] = "Atlantis";
        fields["elements"] = "place-making/no-such\r\nnot-a-ref";
        fields["links"] = "https://only-an-address.example\r\nBad ftp://example.org";
        fields["year"] = "twenty";
        fields.Remove("strength");
        using var response = await Post(_contributor, "/evidence/submit", "/evidence/submit", fields);

        // One response says everything: the form's own problems and the data-file rules', in the order of the form.
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = (await response.Content.ReadAsStringAsync()).ParseHtml();
        var links = html.QuerySelectorAll(".govuk-error-summary a").Select(a => a.GetAttribute("href")).Distinct().ToList();
        links.ShouldBe(["#title", "#kind", "#summary", "#places", "#year", "#links", "#elements", "#strength"]);
        foreach (var id in links)
        {
            html.QuerySelector(id!).ShouldNotBeNull(id);
        }
        var summary = html.QuerySelector(".govuk-error-summary")!.TextContent.Normalised();
        summary.ShouldContain("Enter a title");
        summary.ShouldContain("Enter a summary of what was done and why it matters");
        summary.ShouldContain("'Atlantis' is not a place the Observatory knows");
        summary.ShouldContain("The year must be a year in numbers");
        summary.ShouldContain("'https://only-an-address.example' needs a title and then the address");
        summary.ShouldContain("Link 'ftp://example.org' must be an http or https address");
        summary.ShouldContain("'not-a-ref' must be a framework id and an element id");
        summary.ShouldContain("Framework element 'place-making/no-such' is not an element of any framework in the catalogue");
        summary.ShouldContain("Choose how strong the evidence is");
        // The framework element in error is beside its boxes, and the first framework is open so the summary's link lands on a box.
        html.QuerySelector("#elements-error")!.TextContent.ShouldContain("'not-a-ref'");
        html.QuerySelector("#elements")!.Closest("details")!.HasAttribute("open").ShouldBeTrue();

        // Nothing is missing but the elements: the rules say so, in the words of a choice.
        var none = Fields();
        none.Remove("elements");
        using var noElements = await Post(_contributor, "/evidence/submit", "/evidence/submit", none);
        noElements.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var only = (await noElements.Content.ReadAsStringAsync()).ParseHtml().QuerySelectorAll(".govuk-error-summary li").Select(li => li.TextContent.Trim()).ToList();
        only.ShouldBe(["Choose at least one framework element the item is evidence for"]);

        await using var scope = _app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().EvidenceItems.CountAsync(e => e.Collection == null)).ShouldBe(0);
    }

    [Fact]
    public async Task Framework_elements_are_offered_as_boxes_grouped_by_framework_and_a_ticked_box_is_saved()
    {
        var form = await _contributor.GetHtmlAsync("/evidence/submit");
        var food = form.QuerySelector("input[type=checkbox][name=elements][value='place-making/food']").ShouldNotBeNull();
        form.QuerySelector($"label[for='{food.Id}']")!.TextContent.ShouldNotBeNullOrWhiteSpace();
        var group = food.Closest("details")!;
        group.QuerySelector("summary")!.TextContent.Trim().ShouldNotBe("");
        group.QuerySelectorAll("input[name=elements]").ShouldAllBe(box => box.GetAttribute("value")!.StartsWith("place-making/"));
        form.QuerySelectorAll("details").Count(d => d.QuerySelector("input[name=elements]") is not null).ShouldBeGreaterThan(10, "one group a framework");
        form.QuerySelector("textarea[name=elements]").ShouldBeNull("no ids to type");

        // Ticked boxes arrive as one value each, as a browser sends them.
        var fields = Fields("Wigan food hubs, chosen by box").Where(f => f.Key != "elements").ToList();
        fields.Add(new("elements", "place-making/food"));
        fields.Add(new("elements", "four-rs/renew"));
        fields.Add(new("__RequestVerificationToken", await TestAccounts.FormTokenAsync(_contributor, "/evidence/submit")));
        using var response = await _contributor.PostAsync("/evidence/submit", new FormUrlEncodedContent(fields));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var record = await Stored("wigan-food-hubs-chosen-by-box");
        record.Item.Elements.Select(e => e.ToString()).ShouldBe(["place-making/food", "four-rs/renew"]);

        // Changing it later shows the same boxes ticked, their frameworks open.
        var edit = await _contributor.GetHtmlAsync("/evidence/wigan-food-hubs-chosen-by-box/edit");
        var ticked = edit.QuerySelectorAll("input[name=elements][checked]").Select(box => box.GetAttribute("value")).ToList();
        ticked.ShouldBe(["four-rs/renew", "place-making/food"], ignoreOrder: true);
        edit.QuerySelectorAll("details[open]").Count(d => d.QuerySelector("input[name=elements]") is not null).ShouldBe(2);
    }

    [Fact]
    public async Task Each_page_lets_in_only_those_it_should()
    {
        (await _anonymous.GetAsync("/evidence/submit")).ShouldSatisfyAllConditions(
            r => r.StatusCode.ShouldBe(HttpStatusCode.Redirect),
            r => r.Headers.Location!.ToString().ShouldContain("/sign-in"));
        (await _anonymous.GetAsync("/evidence/curation")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _contributor.GetAsync("/evidence/curation")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _contributor.GetAsync("/evidence/curation/wigan-bewigan")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _curator.GetAsync("/evidence/curation/no-such-item")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _admin.GetAsync("/evidence/curation")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _contributor.GetAsync("/evidence/wigan-bewigan/edit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _anonymous.GetAsync("/evidence/wigan-bewigan/versions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _anonymous.GetAsync("/evidence/no-such-item/versions")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _anonymous.GetAsync("/evidence/no-such-item/report")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // A shipped item's text is its data file's: the curator is told where to change it.
        (await _curator.GetHtmlAsync("/evidence/wigan-bewigan/edit")).QuerySelector(".govuk-inset-text")!.TextContent.ShouldContain("data/evidence/consultation-2022.yaml");

        var account = await _curator.GetHtmlAsync("/account");
        account.Body!.TextContent.ShouldContain("You are a curator");
        (await _contributor.GetHtmlAsync("/account")).Body!.TextContent.ShouldNotContain("You are a curator");
    }

    [Fact]
    public async Task A_visitor_reports_a_problem_which_reaches_every_curator_and_is_resolved()
    {
        using var empty = await Post(_anonymous, "/evidence/wigan-bewigan/report", "/evidence/wigan-bewigan/report", new() { ["message"] = " ", ["email"] = "" });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ParseHtml().QuerySelector(".govuk-error-summary a")!.GetAttribute("href").ShouldBe("#message");

        using var sent = await Post(_anonymous, "/evidence/wigan-bewigan/report", "/evidence/wigan-bewigan/report", new() { ["message"] = "The recovery plan link is broken.", ["email"] = "reader@example.org" });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sent.Content.ReadAsStringAsync()).ShouldContain("Problem reported");

        var outbox = await _admin.GetHtmlAsync("/admin/outbox");
        outbox.Body!.TextContent.ShouldContain("Problem reported with evidence: Wigan Council – BeWigan");
        var messages = (await Outbox()).Where(m => m.Subject.StartsWith("Problem reported", StringComparison.Ordinal)).ToList();
        messages.Select(m => m.To).ShouldBe(["curator@socitm.net", "admin@socitm.net"], ignoreOrder: true);
        messages.ShouldAllBe(m => m.Body.Contains("The recovery plan link is broken.") && m.Body.Contains("reader@example.org"));

        var desk = await _curator.GetHtmlAsync("/evidence/curation");
        var reportId = desk.QuerySelector("input[name='reportId']")!.GetAttribute("value")!;
        using var resolved = await Post(_curator, "/evidence/curation", "/evidence/curation?handler=Resolve", new() { ["reportId"] = reportId });
        resolved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _curator.GetHtmlAsync("/evidence/curation")).Body!.TextContent.ShouldContain("No problems are open.");
    }

    [Fact]
    public async Task A_returned_item_is_changed_by_its_submitter_and_goes_back_to_the_queue()
    {
        (await Post(_contributor, "/evidence/submit", "/evidence/submit", Fields("Wigan warm spaces"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var noReason = await Post(_curator, "/evidence/curation/wigan-warm-spaces", "/evidence/curation/wigan-warm-spaces?handler=Return", new() { ["reason"] = "" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("Say what the submitter should change");
        (await Post(_curator, "/evidence/curation/wigan-warm-spaces", "/evidence/curation/wigan-warm-spaces?handler=Return", new() { ["reason"] = "Add how many people used them." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await Outbox()).Last().Body.ShouldContain("Add how many people used them.");
        (await Stored("wigan-warm-spaces")).State.ShouldBe(WorkflowState.Draft);

        var form = await _contributor.GetHtmlAsync("/evidence/wigan-warm-spaces/edit");
        form.QuerySelector("#title")!.GetAttribute("value").ShouldBe("Wigan warm spaces");
        form.QuerySelector("input[name=elements][value='place-making/food']")!.HasAttribute("checked").ShouldBeTrue("the element chosen before is ticked");
        var fields = Fields("Wigan warm spaces");
        fields.Remove("organisation");
        fields["summary"] = "Warm spaces used by 1,200 people a week.";
        fields["note"] = "Added the numbers";
        using var saved = await Post(_contributor, "/evidence/wigan-warm-spaces/edit", "/evidence/wigan-warm-spaces/edit", fields);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var record = await Stored("wigan-warm-spaces");
        record.State.ShouldBe(WorkflowState.Submitted);
        record.Version.ShouldBe(2);
        var history = await _contributor.GetHtmlAsync("/evidence/wigan-warm-spaces/versions");
        history.Body!.TextContent.ShouldContain("Added the numbers");
        (await _contributor.GetHtmlAsync("/evidence/wigan-warm-spaces/versions/1")).Body!.TextContent.ShouldContain("Community food hubs run with local charities.");
    }

    /// <summary>The error summary of a refused decision, as a curator reads it.</summary>
    private static async Task<string> ErrorSummary(HttpResponseMessage response) =>
        (await response.Content.ReadAsStringAsync()).ParseHtml().QuerySelector(".govuk-error-summary")?.TextContent.Normalised() ?? "";

    [Fact]
    public async Task A_step_the_item_is_not_in_a_state_for_is_a_conflict_said_on_the_page_and_changes_nothing()
    {
        // wigan-bewigan ships published: publishing it again or returning it clashes with its state, not with the form.
        using var publishedTwice = await Post(_curator, "/evidence/curation/wigan-bewigan", "/evidence/curation/wigan-bewigan?handler=Publish", []);
        publishedTwice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorSummary(publishedTwice)).ShouldContain("This item is already published");

        using var returned = await Post(_curator, "/evidence/curation/wigan-bewigan", "/evidence/curation/wigan-bewigan?handler=Return", new() { ["reason"] = "Add the numbers." });
        returned.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorSummary(returned)).ShouldContain("Only an item waiting for review can be returned to its submitter");
        (await Stored("wigan-bewigan")).State.ShouldBe(WorkflowState.Published);

        // A contribution waiting for review cannot be withdrawn: only a published item can.
        (await Post(_contributor, "/evidence/submit", "/evidence/submit", Fields("Wigan warm hubs"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var withdrawn = await Post(_curator, "/evidence/curation/wigan-warm-hubs", "/evidence/curation/wigan-warm-hubs?handler=Withdraw", new() { ["reason"] = "Out of date." });
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorSummary(withdrawn)).ShouldContain("Only a published item can be withdrawn");
        (await Stored("wigan-warm-hubs")).State.ShouldBe(WorkflowState.Submitted);

        // A shipped item's text lives in its data file: publishing it without organisation names would change that text.
        (await Post(_curator, "/evidence/curation/wigan-bewigan", "/evidence/curation/wigan-bewigan?handler=Withdraw", new() { ["reason"] = "Checking it." }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using var anonymously = await Post(_curator, "/evidence/curation/wigan-bewigan", "/evidence/curation/wigan-bewigan?handler=PublishAnonymously", []);
        anonymously.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ErrorSummary(anonymously)).ShouldContain("This item ships with the Observatory");
        (await Stored("wigan-bewigan")).State.ShouldBe(WorkflowState.Draft);
    }

    [Fact]
    public async Task A_site_administrator_makes_someone_a_curator_on_the_admin_page()
    {
        long personId;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            personId = (await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().People.SingleAsync(p => p.Email == "officer@bolton.gov.uk")).Id;
        }
        var id = personId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await Post(_outsider, "/account", "/admin?handler=Curator", new() { ["personId"] = id, ["curator"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Post(_admin, "/admin", "/admin?handler=Curator", new() { ["personId"] = id, ["curator"] = "true" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().People.SingleAsync(p => p.Id == personId)).IsCurator.ShouldBeTrue();
        }
        // Roles are read afresh on every request: the new curator's desk opens at once.
        (await _outsider.GetAsync("/evidence/curation")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Post(_admin, "/admin", "/admin?handler=Curator", new() { ["personId"] = id, ["curator"] = "false" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await _outsider.GetAsync("/evidence/curation")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
