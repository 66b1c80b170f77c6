using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Registers;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Registers;

/// <summary>
/// The applications register end to end over HTTP on a real SQLite file: Alpha Council's contributor adds, changes
/// and imports entries (CSV and XLSX, all or nothing), shares them with councils or publishes them; other councils,
/// partners and the public see exactly what the sharing allows; the sector view counts products and contracts ending
/// across councils with small counts suppressed.
/// </summary>
public sealed class ApplicationsRegisterTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private Organisation _alpha = null!;
    private HttpClient _alphaContributor = null!;
    private HttpClient _alphaViewer = null!;
    private HttpClient _beta = null!;
    private HttpClient _partner = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        _alpha = await TestAccounts.OrganisationAsync(_app.Services, "Alpha Council", "E08000010");
        var beta = await TestAccounts.OrganisationAsync(_app.Services, "Beta Council", "E08000006");
        Organisation partner;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            partner = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateOrganisationAsync(Actor.System("tests"), "Gamma Partnership", OrganisationKind.Partner, []).ShouldSucceed();
        }
        _alphaContributor = await TokenClientAsync((await TestAccounts.MemberAsync(_app.Services, "officer@alpha.gov.uk", _alpha, Role.Contributor)).Id, write: true);
        _alphaViewer = await TokenClientAsync((await TestAccounts.MemberAsync(_app.Services, "viewer@alpha.gov.uk", _alpha, Role.Viewer)).Id, write: true);
        _beta = await TokenClientAsync((await TestAccounts.MemberAsync(_app.Services, "officer@beta.gov.uk", beta, Role.OrganisationAdmin)).Id, write: true);
        _partner = await TokenClientAsync((await TestAccounts.MemberAsync(_app.Services, "officer@gamma.org.uk", partner, Role.OrganisationAdmin)).Id, write: true);
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> TokenClientAsync(long personId, bool write)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var scopes = write ? TokenScopes.Read | TokenScopes.Write : TokenScopes.Read;
        var (_, secret) = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateTokenAsync(personId, "script", scopes, 90).ShouldSucceed();
        var client = await _app.ClientAsync();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> Send(HttpClient client, HttpMethod method, string url, string? body = null, string mediaType = "application/json", string? fileName = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, mediaType) };
        if (fileName is not null)
        {
            request.Content!.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] is '{' or '[' ? JsonNode.Parse(text) : null, text);
    }

    private async Task<int> EntryCount()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().ApplicationEntries.CountAsync();
    }

    private static readonly JsonObject FullEntry = new()
    {
        ["name"] = "Council tax and benefits",
        ["product"] = "Revenues Online",
        ["product_version"] = "9.2",
        ["supplier"] = "Example Software Ltd",
        ["companies_house_number"] = "01234567",
        ["owner_service"] = "Revenues and benefits",
        ["owner_role"] = "Head of revenues",
        ["technical_owner"] = "Applications team",
        ["service_areas"] = new JsonArray("revenues-and-benefits", "customer-services"),
        ["business_capability"] = "Bill and collect council tax; assess benefit claims",
        ["user_groups"] = "Revenues officers; residents online",
        ["number_of_users"] = 140,
        ["status"] = "live",
        ["go_live_date"] = "2019-04-01",
        ["end_of_support_date"] = "2029-03-31",
        ["planned_replacement"] = "None yet",
        ["disposition"] = "tolerate",
        ["contract_reference"] = "ALP-2019-044",
        ["procurement_route"] = "G-Cloud 11",
        ["contract_start"] = "2019-04-01",
        ["contract_end"] = "2027-03-31",
        ["notice_date"] = "2026-09-30",
        ["annual_cost"] = "182500.50",
        ["licence_model"] = "Enterprise",
        ["hosting"] = "saas",
        ["data_location"] = "UK",
        ["personal_data"] = "Names, addresses, income, household members",
        ["special_category_data"] = true,
        ["processing_record_url"] = "https://alpha.gov.uk/ropa/12",
        ["dpia_url"] = "https://alpha.gov.uk/dpia/12",
        ["data_sharing_agreements"] = "DWP data-sharing agreement",
        ["retention"] = "6 years after the account closes",
        ["security_assurance"] = "Cyber Essentials Plus",
        ["penetration_test_date"] = "2026-05-01",
        ["accessibility_statement_url"] = "https://alpha.gov.uk/accessibility/revenues",
        ["business_criticality"] = "critical",
        ["continuity"] = "Supplier's second data centre",
        ["interfaces"] = "Finance system; document management",
        ["open_standards"] = "REST API, CSV",
        ["single_sign_on"] = false,
        ["has_algorithm"] = false,
        ["publication_category"] = "other-algorithm",
        ["joint_procurement_interest"] = true,
    };

    [Fact]
    public async Task An_entry_keeps_every_field_and_is_private_until_shared_with_councils_then_published()
    {
        var (status, body, text) = await Send(_alphaContributor, HttpMethod.Post, "/api/organisations/alpha-council/applications", FullEntry.ToJsonString());
        status.ShouldBe(HttpStatusCode.Created, text);
        var id = body!["id"]!.GetValue<long>();
        body["sharing"]!.GetValue<string>().ShouldBe("private");
        var fields = body["fields"]!.AsObject();
        foreach (var (key, value) in FullEntry)
        {
            var expected = key == "annual_cost" ? "182500.50" : value!.ToJsonString();
            fields[key]!.ToJsonString().Trim('"').ShouldBe(expected.Trim('"'), key);
        }
        fields.Count.ShouldBe(FullEntry.Count + 1, "every field sent, and the sharing");

        // Private: another council, a partner and the public are told it does not exist; nor may they change it.
        foreach (var outsider in new[] { _beta, _partner, _anonymous })
        {
            (await Send(outsider, HttpMethod.Get, $"/api/applications/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
            (await Send(outsider, HttpMethod.Put, $"/api/applications/{id}", """{"name": "Taken over"}""")).Status.ShouldBe(HttpStatusCode.NotFound);
        }
        (await Send(_alphaViewer, HttpMethod.Get, $"/api/applications/{id}")).Status.ShouldBe(HttpStatusCode.OK);
        (await Send(_alphaViewer, HttpMethod.Put, $"/api/applications/{id}", """{"name": "Viewer's edit"}""")).Status.ShouldBe(HttpStatusCode.Forbidden);

        // Shared with councils: Beta Council sees it (and cannot change it); the partner and the public still cannot.
        var shared = FullEntry.DeepClone().AsObject();
        shared["sharing"] = "councils";
        (await Send(_alphaContributor, HttpMethod.Put, $"/api/applications/{id}", shared.ToJsonString())).Status.ShouldBe(HttpStatusCode.OK);
        (await Send(_beta, HttpMethod.Get, $"/api/applications/{id}")).Body!["fields"]!["product"]!.GetValue<string>().ShouldBe("Revenues Online");
        (await _beta.GetAsync($"/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Send(_beta, HttpMethod.Put, $"/api/applications/{id}", """{"name": "Taken over"}""")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await Send(_partner, HttpMethod.Get, $"/api/applications/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Send(_anonymous, HttpMethod.Get, $"/api/applications/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await _anonymous.GetAsync($"/applications/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Published: anyone reads it.
        shared["sharing"] = "published";
        (await Send(_alphaContributor, HttpMethod.Put, $"/api/applications/{id}", shared.ToJsonString())).Status.ShouldBe(HttpStatusCode.OK);
        (await Send(_anonymous, HttpMethod.Get, $"/api/applications/{id}")).Body!["fields"]!["name"]!.GetValue<string>().ShouldBe("Council tax and benefits");
        var page = await _anonymous.GetStringAsync($"/applications/{id}");
        page.ShouldContain("Revenues and benefits");
        page.ShouldContain("182,500.50");

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
        (await db.Set<AuditEntry>().CountAsync(a => a.EntityType == nameof(ApplicationEntry))).ShouldBe(3, "added, shared and published: each write audited");
    }

    [Fact]
    public async Task Bad_fields_are_refused_naming_each_field_and_nothing_is_saved()
    {
        var (status, _, text) = await Send(_alphaContributor, HttpMethod.Post, "/api/organisations/alpha-council/applications",
            """{"product": "X", "service_areas": ["revenues-and-benefits", "dragons"], "contract_start": "2026-04-01", "contract_end": "2025-03-31", "annual_cost": "lots", "hosting": "in the attic", "colour": "blue"}""");
        status.ShouldBe(HttpStatusCode.BadRequest);
        foreach (var named in new[] { "name", "'dragons'", "contract_end", "annual_cost", "hosting", "colour" })
        {
            text.ShouldContain(named);
        }
        (await EntryCount()).ShouldBe(0);
    }

    [Fact]
    public async Task An_entry_links_only_to_its_own_organisations_algorithm_records()
    {
        long alphaRecord, betaRecord;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            var beta = await db.Organisations.SingleAsync(o => o.Slug == "beta-council");
            AlgorithmRecord Record(long organisation) => new() { OrganisationId = organisation, Content = "{}", CreatedBy = "tests", UpdatedBy = "tests" };
            var (a, b) = (Record(_alpha.Id), Record(beta.Id));
            db.AlgorithmRecords.AddRange(a, b);
            await db.SaveChangesAsync();
            (alphaRecord, betaRecord) = (a.Id, b.Id);
        }
        var refused = await Send(_alphaContributor, HttpMethod.Post, "/api/organisations/alpha-council/applications", $$"""{"name": "Chatbot", "has_algorithm": true, "algorithm_records": [{{alphaRecord}}, {{betaRecord}}]}""");
        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        refused.Text.ShouldContain($"algorithm_records: {betaRecord} is not the number of one of your organisation's algorithm records");
        var (status, body, _) = await Send(_alphaContributor, HttpMethod.Post, "/api/organisations/alpha-council/applications", $$"""{"name": "Chatbot", "has_algorithm": true, "algorithm_records": [{{alphaRecord}}]}""");
        status.ShouldBe(HttpStatusCode.Created);
        body!["fields"]!["algorithm_records"]!.AsArray().Select(n => n!.GetValue<long>()).ShouldBe([alphaRecord]);
        (await _alphaViewer.GetStringAsync(body["page"]!.GetValue<string>())).ShouldContain($"href=\"/registers/algorithms/{alphaRecord}\"");
    }

    [Fact]
    public async Task A_csv_import_is_all_or_nothing_naming_file_line_and_field_and_an_export_imports_back_unchanged()
    {
        const string Bad = "name,product,service_areas,contract_end,status\n"
            + "Payroll,PayFast,human-resources-and-payroll,2027-06-30,live\n"
            + "Parking,ParkIt,parking;dragons,31/12/2027,live\n"
            + "Planning,PlanIt,planning-and-building-control,2028-01-31,sleeping\n";
        var (status, _, text) = await Send(_alphaContributor, HttpMethod.Post, "/api/organisations/alpha-council/applications/import", Bad, "text/csv", "apps.csv");
        status.ShouldBe(HttpStatusCode.BadRequest);
        text.ShouldContain("apps.csv:3: service_areas: 'dragons' is not in the list of council service areas");
        text.ShouldContain("apps.csv:3: contract_end: must be a date");
        text.ShouldContain("apps.csv:4: status: must be one of");
        (await EntryCount()).ShouldBe(0, "nothing is imported when one row is wrong");

        var unknownColumn = await Send(_alphaContributor, HttpMethod.Post, "/api/organisations/alpha-council/applications/import", "name,colour\nPayroll,blue\n", "text/csv", "apps.csv");
        unknownColumn.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknownColumn.Text.ShouldContain("apps.csv:1:2: colour");

        var good = "name,product,supplier,service_areas,contract_end,status,annual_cost,sharing,personal_data\n"
            + "Payroll,PayFast,Pay Ltd,human-resources-and-payroll,2027-06-30,live,\"12,000\",councils,\"Names, bank details\nand \"\"tax codes\"\"\"\n"
            + "Parking,ParkIt,,parking;highways-and-transport,2027-12-31,Live,,,\n";
        var imported = await Send(_alphaContributor, HttpMethod.Post, "/api/organisations/alpha-council/applications/import", good, "text/csv", "apps.csv");
        imported.Status.ShouldBe(HttpStatusCode.OK, imported.Text);
        imported.Body!["imported"]!.GetValue<int>().ShouldBe(2);

        var listed = (await Send(_alphaContributor, HttpMethod.Get, "/api/organisations/alpha-council/applications")).Body!.AsArray();
        var parking = listed.Single(e => e!["fields"]!["name"]!.GetValue<string>() == "Parking")!;
        parking["fields"]!["status"]!.GetValue<string>().ShouldBe("live", "a choice's words are taken in any case");
        parking["fields"]!["service_areas"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["parking", "highways-and-transport"]);
        parking["sharing"]!.GetValue<string>().ShouldBe("private");
        var payroll = listed.Single(e => e!["fields"]!["name"]!.GetValue<string>() == "Payroll")!;
        payroll["sharing"]!.GetValue<string>().ShouldBe("councils");
        payroll["fields"]!["annual_cost"]!.GetValue<string>().ShouldBe("12000");

        // The export, imported again by another council, holds the same entries field for field.
        var exported = await _alphaContributor.GetStringAsync("/api/organisations/alpha-council/applications?format=csv");
        var again = await Send(_beta, HttpMethod.Post, "/api/organisations/beta-council/applications/import", exported, "text/csv", "alpha.csv");
        again.Status.ShouldBe(HttpStatusCode.OK, again.Text);
        var betaListed = (await Send(_beta, HttpMethod.Get, "/api/organisations/beta-council/applications")).Body!.AsArray();
        string Shape(JsonArray entries) => string.Join("|", entries.Select(e => e!["sharing"]!.ToJsonString() + e["fields"]!.ToJsonString()).Order(StringComparer.Ordinal));
        Shape(betaListed).ShouldBe(Shape(listed));

        // Only the organisation's contributors import: its viewer is refused, and an outsider learns nothing.
        (await Send(_alphaViewer, HttpMethod.Post, "/api/organisations/alpha-council/applications/import", good, "text/csv", "apps.csv")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await Send(_partner, HttpMethod.Post, "/api/organisations/alpha-council/applications/import", good, "text/csv", "apps.csv")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await EntryCount()).ShouldBe(4);
    }

    [Fact]
    public async Task An_xlsx_import_reads_dates_and_numbers_as_excel_stores_them_and_names_the_line_of_a_problem()
    {
        async Task<(HttpStatusCode Status, string Text)> Upload(byte[] bytes)
        {
            using var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "apps.xlsx" };
            using var response = await _alphaContributor.PostAsync("/api/organisations/alpha-council/applications/import", content);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        var bad = await Upload(TestWorkbook.Build(
            ["name", "contract_end", "number_of_users"],
            ["Libraries", new DateTime(2027, 8, 31), 40],
            [null, new DateTime(2027, 8, 31), -3]));
        bad.Status.ShouldBe(HttpStatusCode.BadRequest);
        bad.Text.ShouldContain("apps.xlsx:3: name: is required");
        bad.Text.ShouldContain("apps.xlsx:3: number_of_users: must be a whole number");
        (await EntryCount()).ShouldBe(0);

        var good = await Upload(TestWorkbook.Build(
            ["name", "contract_end", "number_of_users", "single_sign_on"],
            ["Libraries", new DateTime(2027, 8, 31), 40, true]));
        good.Status.ShouldBe(HttpStatusCode.OK, good.Text);
        var entry = (await Send(_alphaContributor, HttpMethod.Get, "/api/organisations/alpha-council/applications")).Body!.AsArray().Single()!["fields"]!;
        entry["contract_end"]!.GetValue<string>().ShouldBe("2027-08-31");
        entry["number_of_users"]!.GetValue<string>().ShouldBe("40");
        entry["single_sign_on"]!.GetValue<bool>().ShouldBeTrue();

        var garbage = await Upload(Encoding.UTF8.GetBytes("not a workbook"));
        garbage.Status.ShouldBe(HttpStatusCode.BadRequest);
        garbage.Text.ShouldContain("apps.xlsx: is not an Excel workbook (.xlsx)");
        (await EntryCount()).ShouldBe(1);
    }

    [Fact]
    public async Task An_xlsx_export_imports_back_unchanged_and_its_notes_say_whose_entries_they_are()
    {
        (await Send(_alphaContributor, HttpMethod.Post, "/api/organisations/alpha-council/applications", FullEntry.ToJsonString())).Status.ShouldBe(HttpStatusCode.Created);
        // Values a spreadsheet could take for something else: a formula, a number with a trailing zero, leading zeros, a line break.
        var awkward = new JsonObject
        {
            ["name"] = "=SUM(A1:A2) is a name here",
            ["product_version"] = "10.0",
            ["companies_house_number"] = "00012345",
            ["number_of_users"] = 7,
            ["personal_data"] = "Names\nand addresses",
            ["sharing"] = "published",
        };
        (await Send(_alphaContributor, HttpMethod.Post, "/api/organisations/alpha-council/applications", awkward.ToJsonString())).Status.ShouldBe(HttpStatusCode.Created);

        using var response = await _alphaContributor.GetAsync("/api/organisations/alpha-council/applications?format=xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var xlsx = await response.Content.ReadAsByteArrayAsync();
        Downloads.Spreadsheets.SheetNames(xlsx).ShouldBe(["Data", "Notes"]);
        var notes = Downloads.Spreadsheets.Read(xlsx, "Notes").SelectMany(r => r).Select(c => c.Text).ToList();
        notes.ShouldContain("Alpha Council: application entries");
        Downloads.Spreadsheets.Read(xlsx, "Data")[0].Select(c => c.Text).ShouldBe(ApplicationFiles.Header, "the import's columns, in its order");

        using var content = new ByteArrayContent(xlsx);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "alpha.xlsx" };
        using var imported = await _beta.PostAsync("/api/organisations/beta-council/applications/import", content);
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());

        string Shape(JsonArray entries) => string.Join("|", entries.Select(e => e!["sharing"]!.ToJsonString() + e["fields"]!.ToJsonString()).Order(StringComparer.Ordinal));
        var alpha = (await Send(_alphaContributor, HttpMethod.Get, "/api/organisations/alpha-council/applications")).Body!.AsArray();
        var beta = (await Send(_beta, HttpMethod.Get, "/api/organisations/beta-council/applications")).Body!.AsArray();
        alpha.Count.ShouldBe(2);
        Shape(beta).ShouldBe(Shape(alpha));

        // Only members export: an outsider is told the organisation has no entries it can see.
        (await _partner.GetAsync("/api/organisations/alpha-council/applications?format=xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _anonymous.GetAsync("/api/organisations/alpha-council/applications?format=xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_sector_view_counts_councils_per_product_and_suppresses_fewer_than_five_unpublished()
    {
        var from = new DateOnly(2026, 12, 1);
        // Alpha publishes its entry; six more councils run the same product privately, five of them for revenues and benefits.
        await AddAsync(_alpha, "Revenues Online", "revenues-and-benefits", "published", "2027-06-30");
        var others = new List<Organisation>();
        for (var i = 1; i <= 6; i++)
        {
            others.Add(await TestAccounts.OrganisationAsync(_app.Services, $"Council {i}", "E08000010"));
        }
        foreach (var council in others.Take(5))
        {
            // Spelled differently by one council: still the same product.
            await AddAsync(council, council == others[0] ? "REVENUES ONLINE " : "Revenues Online", "revenues-and-benefits", "private", "2027-09-30");
        }
        await AddAsync(others[5], "Revenues Online", "waste-and-recycling", "private", null);
        // Three councils run a product nobody has published: not even that it is run may show.
        foreach (var council in others.Take(3))
        {
            await AddAsync(council, "Quiet Benefits", "revenues-and-benefits", "private", "2028-01-31");
        }
        // A contract beyond two years and a retired application are not "ending".
        await AddAsync(_alpha, "Old Benefits", "revenues-and-benefits", "published", "2029-06-30");
        await AddAsync(_alpha, "Retired Benefits", "revenues-and-benefits", "published", "2027-01-31", status: "retired");

        var view = (await Send(_anonymous, HttpMethod.Get, $"/api/registers/applications?service=revenues-and-benefits&from={from:yyyy-MM-dd}")).Body!;
        var products = view["products"]!.AsArray();
        products.Select(p => p!["product"]!.GetValue<string>()).ShouldBe(["Revenues Online", "Old Benefits"]);
        var revenues = products[0]!;
        revenues["councils"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["alpha-council"]);
        revenues["otherCouncils"]!.GetValue<int>().ShouldBe(5);
        revenues["totalCouncils"]!.GetValue<int>().ShouldBe(6);
        view["contractsEnding"]!.AsArray().Select(c => c!["contractEnd"]!.GetValue<string>()).ShouldBe(["2027-06-30"]);
        view["otherCouncilsWithContractsEnding"]!.GetValue<int>().ShouldBe(5);
        view.ToJsonString().ShouldNotContain("Quiet Benefits");

        // Every area: the sixth council's entry makes six others; "Quiet Benefits" still rests on three.
        var all = (await Send(_anonymous, HttpMethod.Get, $"/api/registers/applications?from={from:yyyy-MM-dd}")).Body!;
        all["products"]![0]!["otherCouncils"]!.GetValue<int>().ShouldBe(6);

        // One of the five publishes: the others are four, which is suppressed.
        await AddAsync(others[1], "Revenues Online", "revenues-and-benefits", "published", null);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>();
            foreach (var e in await db.ApplicationEntries.Where(e => e.OrganisationId == others[1].Id && e.Sharing == ApplicationSharing.Private).ToListAsync())
            {
                db.ApplicationEntries.Remove(e);
            }
            await db.SaveChangesAsync();
        }
        var fewer = (await Send(_anonymous, HttpMethod.Get, $"/api/registers/applications?service=revenues-and-benefits&from={from:yyyy-MM-dd}")).Body!["products"]![0]!;
        fewer["councils"]!.AsArray().Count.ShouldBe(2);
        fewer["otherCouncils"].ShouldBeNull();
        fewer["totalCouncils"].ShouldBeNull();
        fewer["suppressed"]!.GetValue<bool>().ShouldBeTrue();
        var page = await _anonymous.GetStringAsync("/registers/applications?service=revenues-and-benefits");
        page.ShouldContain("fewer than 5");
        page.ShouldContain("at least 2");

        (await Send(_anonymous, HttpMethod.Get, "/api/registers/applications?service=dragons")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task AddAsync(Organisation organisation, string product, string area, string sharing, string? contractEnd, string status = "live")
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System("tests");
        await scope.ServiceProvider.GetRequiredService<ApplicationsRegister>().CreateAsync(organisation.Slug,
            [new("name", $"{product} at {organisation.Name}"), new("product", product), new("service_areas", area), new("sharing", sharing), new("contract_end", contractEnd), new("status", status)]).ShouldSucceed();
    }

    [Fact]
    public async Task The_service_area_list_is_shipped_with_its_version_and_a_broken_list_names_its_line()
    {
        var list = (await Send(_anonymous, HttpMethod.Get, "/api/registers/service-areas")).Body!;
        list["version"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        list["areas"]!.AsArray().Select(a => a!["id"]!.GetValue<string>()).ShouldContain("revenues-and-benefits");
        var (read, problems) = ServiceAreas.Read("areas.yaml", "id: x\ntitle: X\nversion: \"1\"\npublisher: P\nareas:\n  - id: a\n    name: A\n    description: a\n  - id: a\n    name: B\n");
        read.ShouldBeNull();
        problems.Select(p => p.ToString()).ShouldContain(p => p.StartsWith("areas.yaml:9", StringComparison.Ordinal) && p.Contains("already a service area"));
        problems.Select(p => p.ToString()).ShouldContain(p => p.Contains("description"));
    }
}
