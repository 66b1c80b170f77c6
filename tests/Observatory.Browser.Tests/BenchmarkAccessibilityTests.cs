using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Assessments;
using Observatory.Assessments.Benchmarking;
using Observatory.Places;
using Observatory.Testing;

namespace Observatory.Browser.Tests;

/// <summary>
/// A published benchmark's page (the crawl, on an empty database, only sees "nothing published yet"): the chart and
/// its table for all organisations, and a suppressed group, in real Chromium with axe-core, with JavaScript on and off.
/// </summary>
[Collection(nameof(BrowserCollection))]
public sealed class BenchmarkAccessibilityTests(BrowserFixture fixture)
{
    private static readonly SemaphoreSlim Publishing = new(1, 1);
    private static bool _published;

    private sealed class Generated(IReadOnlyList<BenchmarkContribution> contributions) : IBenchmarkContributions
    {
        public Task<IReadOnlyList<BenchmarkContribution>> ForAsync(string templateId, string period, CancellationToken ct) => Task.FromResult(contributions);
    }

    /// <summary>Thirty English councils and two Welsh ones, answering every question of the data maturity assessment.</summary>
    private async Task PublishAsync()
    {
        await Publishing.WaitAsync();
        try
        {
            if (_published)
            {
                return;
            }
            var places = fixture.App.Services.GetRequiredService<PlaceRegistry>();
            var template = fixture.App.Services.GetRequiredService<AssessmentCatalogue>().Find("dmag-2023")!;
            var random = new Random(5);
            var contributions = places.Councils.Where(c => c.Nation == "England").Take(30).Concat(places.Councils.Where(c => c.Nation == "Wales").Take(2))
                .Select((c, i) => new BenchmarkContribution(9000 + i, [c.Code], template.Questions.ToDictionary(q => q.Id, _ => random.Next(1, 6)))).ToList();
            await using var scope = fixture.App.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<BenchmarkReleases>().PublishAsync("dmag-2023", "2026/27", new Generated(contributions))).ShouldSucceed();
            _published = true;
        }
        finally
        {
            Publishing.Release();
        }
    }

    [ChromiumTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_published_benchmark_and_a_suppressed_group_pass_axe_reflow_and_work_without_javascript(bool javaScript)
    {
        await PublishAsync();
        await using var context = await fixture.NewContextAsync(javaScript);
        if (javaScript)
        {
            await Axe.AddToAsync(context);
        }
        var page = await context.NewPageAsync();
        var failures = new StringBuilder();

        foreach (var path in new[] { "/assessments/dmag-2023/benchmarks", "/assessments/dmag-2023/benchmarks?group=nation-wales" })
        {
            var response = await page.GotoAsync(fixture.BaseUrl + path);
            response!.Status.ShouldBe(200, path);
            (await page.Locator("main h1").CountAsync()).ShouldBe(1, path);
            if (await Reflow.ProblemAsync(page, path) is { } reflow)
            {
                failures.AppendLine(reflow);
            }
            if (javaScript)
            {
                foreach (var violation in await Axe.ViolationsAsync(page, path))
                {
                    failures.AppendLine(violation);
                }
            }
        }
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Fewer than 5 organisations contributed");

        // Choosing a group is a plain GET form: it works without JavaScript.
        await page.GotoAsync(fixture.BaseUrl + "/assessments/dmag-2023/benchmarks");
        (await page.Locator("main figure svg[role=img]").CountAsync()).ShouldBe(1);
        await page.Locator("#group").SelectOptionAsync("type-metropolitan-district");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Show benchmark" }).ClickAsync();
        page.Url.ShouldContain("group=type-metropolitan-district");
        (await page.Locator("main h2").First.InnerTextAsync()).ShouldBe("Metropolitan districts");

        failures.ToString().ShouldBeEmpty();
    }
}
