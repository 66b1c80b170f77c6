using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Evidence;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Evidence;

/// <summary>
/// Two saves of an evidence item made from the same version of it: the first is kept, the second is told the item
/// changed since it was opened (409, on the form, nothing lost or overwritten) — never a 500, never a silent overwrite.
/// </summary>
public sealed class ConcurrentEditTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _first = null!;
    private HttpClient _second = null!;
    private int _items;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var wigan = await TestAccounts.OrganisationAsync(_app.Services, "Wigan Council", "E08000010");
        await TestAccounts.MemberAsync(_app.Services, "curator@wigan.gov.uk", wigan, Role.Contributor);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            (await db.People.SingleAsync(p => p.Email == "curator@wigan.gov.uk")).IsCurator = true;
            await db.SaveChangesAsync();
        }
        // One person in two browser tabs.
        _first = await TestAccounts.ClientAsync(_app, "curator@wigan.gov.uk");
        _second = await TestAccounts.ClientAsync(_app, "curator@wigan.gov.uk");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> SubmitAsync()
    {
        var title = $"Wigan warm spaces {++_items}";
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await TestAccounts.FormTokenAsync(_first, "/evidence/submit"),
            ["title"] = title,
            ["kind"] = "case-study",
            ["summary"] = "Warm spaces in libraries.",
            ["places"] = "E08000010",
            ["elements"] = "place-making/food",
            ["strength"] = "2",
            ["status"] = "promising",
        };
        using var response = await _first.PostAsync("/evidence/submit", new FormUrlEncodedContent(fields));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return title.ToLowerInvariant().Replace(' ', '-');
    }

    /// <summary>Every field of the edit form as the browser would send it, with the summary changed.</summary>
    private static async Task<Dictionary<string, string>> EditFormAsync(HttpClient client, string slug, string summary)
    {
        var page = await client.GetHtmlAsync($"/evidence/{slug}/edit");
        var form = page.QuerySelectorAll("form[method='post']").Cast<IHtmlFormElement>().Single(f => f.QuerySelector("#summary") is not null);
        var fields = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name]").Cast<IHtmlInputElement>())
        {
            if (input.Type is "radio" or "checkbox" && !input.IsChecked)
            {
                continue;
            }
            fields[input.Name!] = input.Value;
        }
        foreach (var area in form.QuerySelectorAll("textarea[name]").Cast<IHtmlTextAreaElement>())
        {
            fields[area.Name!] = area.Value;
        }
        fields["summary"] = summary;
        return fields;
    }

    private async Task<(int Version, string Summary)> StoredAsync(string slug)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var record = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().EvidenceItems.AsNoTracking().SingleAsync(e => e.Slug == slug);
        return (record.Version, record.Item.Summary);
    }

    [Fact]
    public async Task Two_simultaneous_saves_of_one_edit_keep_one_and_refuse_the_other_with_409_ten_times_in_ten()
    {
        for (var pair = 0; pair < 10; pair++)
        {
            var slug = await SubmitAsync();
            var a = await EditFormAsync(_first, slug, "Saved from the first tab.");
            var b = await EditFormAsync(_second, slug, "Saved from the second tab.");

            var responses = await Task.WhenAll(
                _first.PostAsync($"/evidence/{slug}/edit", new FormUrlEncodedContent(a)),
                _second.PostAsync($"/evidence/{slug}/edit", new FormUrlEncodedContent(b)));

            var statuses = responses.Select(r => r.StatusCode).Order().ToList();
            statuses.ShouldBe([HttpStatusCode.Redirect, HttpStatusCode.Conflict], $"pair {pair + 1}");
            var refused = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
            var errors = (await refused.Content.ReadAsStringAsync()).ParseHtml().QuerySelectorAll(".govuk-error-summary__list li").Select(li => li.TextContent.Normalised()).ToList();
            errors.ShouldHaveSingleItem().ShouldContain("changed since you opened it");
            var kept = responses.Single(r => r.StatusCode == HttpStatusCode.Redirect) == responses[0] ? "Saved from the first tab." : "Saved from the second tab.";
            (await StoredAsync(slug)).ShouldBe((2, kept));
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_save_from_a_form_opened_before_another_save_is_refused_rather_than_overwriting_it()
    {
        var slug = await SubmitAsync();
        var stale = await EditFormAsync(_first, slug, "Written first, saved last.");
        using (var earlier = await _second.PostAsync($"/evidence/{slug}/edit", new FormUrlEncodedContent(await EditFormAsync(_second, slug, "Saved in between."))))
        {
            earlier.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }

        using var response = await _first.PostAsync($"/evidence/{slug}/edit", new FormUrlEncodedContent(stale));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var page = (await response.Content.ReadAsStringAsync()).ParseHtml();
        page.QuerySelector(".govuk-error-summary")!.TextContent.ShouldContain("changed since you opened it");
        page.QuerySelector("#summary")!.TextContent.ShouldBe("Written first, saved last.", "what the person wrote is kept on the form");
        (await StoredAsync(slug)).ShouldBe((2, "Saved in between."));
    }
}
