using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Portraits;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Portraits;

/// <summary>The local-targets lens: a council's own thresholds, set with a reason by its contributors, audited.</summary>
public sealed class LocalTargetsTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _contributor = null!;
    private HttpClient _outsider = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        var salford = await TestAccounts.OrganisationAsync(_app.Services, "Salford City Council", "E08000006");
        await TestAccounts.MemberAsync(_app.Services, "officer@wigan.gov.uk", wigan, Role.Contributor);
        await TestAccounts.MemberAsync(_app.Services, "officer@salford.gov.uk", salford, Role.Contributor);
        _contributor = await TestAccounts.ClientAsync(_app, "officer@wigan.gov.uk");
        _outsider = await TestAccounts.ClientAsync(_app, "officer@salford.gov.uk");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> Save(HttpClient client, string value, string reason)
    {
        var token = await TestAccounts.FormTokenAsync(client, "/portraits/uk-council/E08000010/local-targets");
        return await client.PostAsync("/portraits/uk-council/E08000010/local-targets", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["key"] = LifeSatisfactionKey(),
            ["value"] = value,
            ["reason"] = reason,
            ["visibility"] = "Public",
        }));
    }

    private string LifeSatisfactionKey()
    {
        var definition = _app.Services.GetRequiredService<PortraitDefinitions>().Find("uk-council")!;
        var dimension = definition.Dimensions.First(d => d.Indicators.Any(i => i.IndicatorId == "life-satisfaction"));
        return $"{dimension.Id}/{dimension.Indicators.First(i => i.IndicatorId == "life-satisfaction").Id}";
    }

    [Fact]
    public async Task A_contributor_sets_a_target_with_a_reason_and_the_portrait_is_drawn_against_it()
    {
        using var noReason = await Save(_contributor, "9.5", "");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("Say why this target replaces the definition");

        using var saved = await Save(_contributor, "9.5", "Wigan Deal 2030: everyone thriving");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var plain = await _contributor.GetHtmlAsync("/portraits/uk-council/E08000010");
        plain.Body!.TextContent.ShouldContain("See this portrait against Wigan Council's targets");
        var lens = await _contributor.GetHtmlAsync("/portraits/uk-council/E08000010?targets=wigan-council");
        lens.QuerySelector(".govuk-inset-text")!.TextContent.ShouldContain("Local-targets lens");
        lens.Body!.TextContent.ShouldContain("local threshold: Wigan Deal 2030: everyone thriving");
        // A council's own target is marked as a local aspiration, in the key and beside the value, never as a minimum.
        lens.QuerySelectorAll("dl.app-threshold-kinds dt").Select(t => t.TextContent.Trim()).ShouldContain("Local aspiration");
        lens.Body!.TextContent.ShouldContain("Local aspiration: 9.5");
        // Against 9.5 out of 10 no council's life satisfaction is within the foundation.
        var local = await ForPlace("wigan-council");
        var standard = await ForPlace(null);
        var key = LifeSatisfactionKey().Split('/')[0];
        local.Find(key)!.Status.ShouldBe(DimensionStatus.Shortfall);
        local.Find(key)!.Threshold.ShouldNotBe(standard.Find(key)!.Threshold);
        local.Find(key)!.ThresholdKind.ShouldBe(ThresholdBasis.LocalAspiration);
        standard.Find(key)!.ThresholdKind.ShouldBe(ThresholdBasis.SocialMinimum);

        await using var scope = _app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().AuditEntries.Where(a => a.EntityType == nameof(LocalTarget)).ToListAsync();
        audit.Single().Action.ShouldBe("created");
        audit.Single().After!.ShouldContain("Wigan Deal 2030");
        audit.Single().ActorName.ShouldBe("officer");
    }

    [Fact]
    public async Task Someone_from_an_organisation_that_does_not_serve_the_place_cannot_set_its_targets()
    {
        (await _outsider.GetAsync("/portraits/uk-council/E08000010/local-targets")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var anonymous = await _app.ClientAsync();
        (await anonymous.GetAsync("/portraits/uk-council/E08000010/local-targets")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private async Task<Portrait> ForPlace(string? organisationSlug)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<PortraitService>();
        IReadOnlyDictionary<string, ThresholdOverride>? local = null;
        if (organisationSlug is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            var organisation = await db.Organisations.SingleAsync(o => o.Slug == organisationSlug);
            local = await scope.ServiceProvider.GetRequiredService<LocalTargets>().OverridesAsync(organisation.Id, "E08000010", "uk-council");
        }
        return (await service.ForPlaceAsync("E08000010", "uk-council", null, local))!;
    }
}
