using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Indicators;
using Observatory.Testing;

namespace Observatory.Web.Tests.Decisions;

/// <summary>
/// Picking evidence when scoring a segment: the page offers, as checkboxes, the published evidence library items and the
/// indicators tagged to the segment's Doughnut element; the ones ticked show as named links on the decision page and
/// in its API answer, and are ticked again when the page is opened next.
/// </summary>
public sealed class EvidencePickerTests : IAsyncLifetime
{
    private static readonly ElementRef Health = new("doughnut", "health");
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _officer = null!;
    private HttpClient _api = null!;
    private EvidenceRecord _item = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var cornwall = await TestAccounts.OrganisationAsync(_app.Services, "Cornwall Council", "E06000052");
        var officer = await TestAccounts.MemberAsync(_app.Services, "officer@cornwall.gov.uk", cornwall, Role.Contributor);
        _officer = await TestAccounts.ClientAsync(_app, "officer@cornwall.gov.uk");
        _api = await TestAccounts.TokenClientAsync(_app, officer);
        // A case study tagged to the health dimension, submitted and published through the evidence library's curation.
        await using var scope = _app.Services.CreateAsyncScope();
        var curator = new Actor(officer.Id, "Curator", true, new Dictionary<long, Role>(), TokenScopes.Read | TokenScopes.Write, IsCurator: true);
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = curator;
        var curation = scope.ServiceProvider.GetRequiredService<EvidenceCuration>();
        var submitted = await curation.SubmitAsync(curator, new EvidenceItem
        {
            Id = "",
            Title = "Social prescribing in west Cornwall",
            Kind = EvidenceKind.CaseStudy,
            Summary = "Link workers referring residents to community groups.",
            Places = ["E06000052"],
            Year = 2024,
            Links = [new("The scheme", "https://www.cornwall.gov.uk/social-prescribing")],
            Elements = [Health],
            Strength = 2,
            Status = WhatWorksStatus.Promising,
        }, null, null).ShouldSucceed();
        _item = await curation.PublishAsync(curator, submitted.Slug).ShouldSucceed();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, params (string Name, string Value)[] fields)
    {
        var token = await TestAccounts.FormTokenAsync(client, url);
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
    }

    [Fact]
    public async Task A_segment_offers_the_evidence_and_indicators_tagged_to_its_element_and_a_chosen_item_is_shown()
    {
        var indicators = _app.Services.GetRequiredService<IndicatorCatalogue>().ByElement(Health);
        indicators.ShouldNotBeEmpty("the shipped catalogue tags indicators to the health dimension");
        var (created, decision) = await ApiCalls.SendAsync(_api, HttpMethod.Post, "/api/organisations/cornwall-council/decisions", new
        {
            title = "Leisure centre opening hours",
            kind = "policy",
            options = new object[] { new { title = "Open longer" } },
        });
        created.ShouldBe(HttpStatusCode.Created, decision.ToString());
        var page = $"/decisions/{decision.GetProperty("id").GetInt64()}";
        var evidenceLink = $"/evidence/{_item.Slug}";
        var indicatorLink = $"/indicators/{indicators[0].Id}";

        var form = await _officer.GetHtmlAsync($"{page}/options/A/segments/health");
        form.QuerySelectorAll("input[type=checkbox][name=picked]").Select(c => c.GetAttribute("value"))
            .ShouldBe([evidenceLink, .. indicators.Select(i => $"/indicators/{i.Id}")]);
        var biodiversity = await _officer.GetHtmlAsync($"{page}/options/A/segments/biodiversity");
        biodiversity.QuerySelectorAll("input[type=checkbox][name=picked]").Select(c => c.GetAttribute("value")).ShouldNotContain(evidenceLink, "the case study is about health, not biodiversity");

        using var saved = await PostAsync(_officer, $"{page}/options/A/segments/health", ("shortTerm", "4"), ("longTerm", "4"),
            ("picked", evidenceLink), ("picked", indicatorLink), ("evidence", "https://www.cornwall.gov.uk/leisure"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var shown = await _officer.GetHtmlAsync(page);
        shown.QuerySelector($"main a[href='{evidenceLink}']")!.TextContent.ShouldBe(_item.Title);
        shown.QuerySelector($"main a[href='{indicatorLink}']")!.TextContent.ShouldBe(indicators[0].Name);
        var (_, answer) = await ApiCalls.SendAsync(_api, HttpMethod.Get, $"/api{page}");
        answer.GetProperty("options")[0].GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("segment").GetString() == "health")
            .GetProperty("evidence").EnumerateArray().Select(e => e.GetString()).ShouldBe([evidenceLink, indicatorLink, "https://www.cornwall.gov.uk/leisure"]);

        var again = await _officer.GetHtmlAsync($"{page}/options/A/segments/health");
        again.QuerySelectorAll("input[type=checkbox][name=picked][checked]").Select(c => c.GetAttribute("value")).ShouldBe([evidenceLink, indicatorLink]);
        again.QuerySelector("textarea#evidence")!.TextContent.Trim().ShouldBe("https://www.cornwall.gov.uk/leisure");
    }
}
