using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Auditing;
using Observatory.Content;
using Observatory.Registers;
using Observatory.Storage;
using Observatory.Testing;

namespace Observatory.Web.Tests.Registers;

/// <summary>
/// The algorithm register end to end over HTTP on a real SQLite file: Alpha Council's contributor drafts records and
/// sends them for approval, its approver publishes them, the public finds and reads them with their history and
/// reports problems, and records travel out and back in the ATRS and Dutch formats without losing a field.
/// </summary>
public sealed class AlgorithmRegisterTests : IAsyncLifetime
{
    private readonly ObservatoryAppFactory _app = new();
    private HttpClient _contributor = null!;
    private HttpClient _approver = null!;
    private HttpClient _beta = null!;
    private HttpClient _betaApprover = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        await _app.EnsurePreparedAsync();
        var alpha = await TestAccounts.OrganisationAsync(_app.Services, "Alpha Council", "E08000010");
        var beta = await TestAccounts.OrganisationAsync(_app.Services, "Beta Council", "E08000006");
        _contributor = await TestAccounts.TokenClientAsync(_app, (await TestAccounts.MemberAsync(_app.Services, "officer@alpha.gov.uk", alpha, Role.Contributor)).Id);
        _approver = await TestAccounts.TokenClientAsync(_app, (await TestAccounts.MemberAsync(_app.Services, "approver@alpha.gov.uk", alpha, Role.Approver)).Id);
        _beta = await TestAccounts.TokenClientAsync(_app, (await TestAccounts.MemberAsync(_app.Services, "officer@beta.gov.uk", beta, Role.Contributor)).Id);
        _betaApprover = await TestAccounts.TokenClientAsync(_app, (await TestAccounts.MemberAsync(_app.Services, "approver@beta.gov.uk", beta, Role.Approver)).Id);
        _anonymous = await _app.ClientAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> Send(HttpClient client, HttpMethod method, string url, string? body = null, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, mediaType) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] is '{' or '[' ? JsonNode.Parse(text) : null, text);
    }

    /// <summary>A record with every field of the template filled, as a value of its kind would be, and two entries in each repeating group.</summary>
    private static JsonObject FullRecord(string title)
    {
        var o = new JsonObject();
        foreach (var field in RegisterFields.Single.Where(f => f.Kind != FieldKind.Generated))
        {
            o[field.Attribute] = ValueFor(field, title, 0);
        }
        o["title"] = title;
        o["name"] = title;
        foreach (var group in RegisterFields.RepeatGroups.Keys)
        {
            o[group] = new JsonArray([.. Enumerable.Range(1, 2).Select(i => (JsonNode)new JsonObject(RegisterFields.InGroup(group).Select(f => KeyValuePair.Create(f.Attribute, (JsonNode?)ValueFor(f, title, i)))))]);
        }
        return o;
    }

    private static string ValueFor(RegisterField field, string title, int entry) => field.Kind switch
    {
        FieldKind.Url or FieldKind.AssessmentLink => $"https://alpha.gov.uk/{field.Attribute}/{entry}",
        FieldKind.Email => "algorithms@alpha.gov.uk",
        FieldKind.Date => "2026-11-30",
        FieldKind.Month => field.Attribute == "end_date" ? "2027-03" : "2025-04",
        FieldKind.Choice => field.Vocabulary![1].Slug,
        FieldKind.Choices => $"{field.Vocabulary![0].Slug},{field.Vocabulary![2].Slug}",
        FieldKind.LongText => $"{title}: {field.Name} ({entry}).\nA second line, with \"quotes\", commas and =formula-like text.",
        _ => $"{field.Name} {entry}",
    };

    private async Task<long> DraftAsync(HttpClient client, JsonObject record, string slug = "alpha-council")
    {
        var (status, body, text) = await Send(client, HttpMethod.Post, $"/api/organisations/{slug}/algorithms", record.ToJsonString());
        status.ShouldBe(HttpStatusCode.Created, text);
        return body!["id"]!.GetValue<long>();
    }

    private async Task PublishAsync(long id, HttpClient contributor, HttpClient approver, string? note = null)
    {
        var (submitted, _, submitText) = await Send(contributor, HttpMethod.Post, $"/api/registers/algorithms/{id}/submit");
        submitted.ShouldBe(HttpStatusCode.OK, submitText);
        var (published, _, publishText) = await Send(approver, HttpMethod.Post, $"/api/registers/algorithms/{id}/publish", JsonSerializer.Serialize(new { changeNote = note }));
        published.ShouldBe(HttpStatusCode.OK, publishText);
    }

    /// <summary>The fields of an ATRS record, without what the Observatory sets (its number and publication date).</summary>
    private static JsonObject Fields(JsonNode record)
    {
        var o = record.AsObject().DeepClone().AsObject();
        o.Remove("id");
        o.Remove("date_updated");
        return o;
    }

    [Fact]
    public async Task A_draft_is_private_until_the_approver_publishes_it_and_every_published_version_is_kept_with_its_changes()
    {
        var id = await DraftAsync(_contributor, new JsonObject { ["title"] = "Housing repairs triage", ["phase"] = "production" });
        (await _anonymous.GetAsync($"/api/registers/algorithms/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _anonymous.GetAsync($"/registers/algorithms/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _beta.GetAsync($"/api/registers/algorithms/{id}/draft")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A record goes for approval only with its title information and Tier 1 summary; each missing field is named.
        var (refused, problems, _) = await Send(_contributor, HttpMethod.Post, $"/api/registers/algorithms/{id}/submit");
        refused.ShouldBe(HttpStatusCode.BadRequest);
        problems!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["region", "one_sentence_description", "name", "description", "website_url", "contact_email"], ignoreOrder: true);

        var record = FullRecord("Housing repairs triage");
        (await Send(_contributor, HttpMethod.Put, $"/api/registers/algorithms/{id}/draft", record.ToJsonString())).Status.ShouldBe(HttpStatusCode.OK);
        (await Send(_contributor, HttpMethod.Post, $"/api/registers/algorithms/{id}/submit")).Status.ShouldBe(HttpStatusCode.OK);
        // Only the organisation's approver publishes, and a record in review is not the contributor's to change.
        (await Send(_contributor, HttpMethod.Post, $"/api/registers/algorithms/{id}/publish", "{}")).Status.ShouldBe(HttpStatusCode.Forbidden);
        (await Send(_betaApprover, HttpMethod.Post, $"/api/registers/algorithms/{id}/publish", "{}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Send(_contributor, HttpMethod.Put, $"/api/registers/algorithms/{id}/draft", record.ToJsonString())).Status.ShouldBe(HttpStatusCode.Conflict);
        (await Send(_approver, HttpMethod.Post, $"/api/registers/algorithms/{id}/publish", "{}")).Status.ShouldBe(HttpStatusCode.OK);

        var (_, v1, _) = await Send(_anonymous, HttpMethod.Get, $"/api/registers/algorithms/{id}");
        v1!["version"]!.GetValue<int>().ShouldBe(1);
        Canonical(Fields(v1["record"]!)).ShouldBe(Canonical(Fields(AtrsWithStandard(record))));

        // A new draft of a published record leaves the published version on show until the approver publishes it.
        record["description"] = "Ranks repair requests by urgency; an officer checks every ranking.";
        record["data_specifications"]![1]!["data_quantities"] = "About 40,000 requests a year.";
        (await Send(_contributor, HttpMethod.Put, $"/api/registers/algorithms/{id}/draft", record.ToJsonString())).Status.ShouldBe(HttpStatusCode.OK);
        var (_, stillV1, _) = await Send(_anonymous, HttpMethod.Get, $"/api/registers/algorithms/{id}");
        stillV1!["record"]!["description"]!.GetValue<string>().ShouldNotContain("an officer checks every ranking");
        var (_, draft, _) = await Send(_contributor, HttpMethod.Get, $"/api/registers/algorithms/{id}/draft");
        draft!["state"]!.GetValue<string>().ShouldBe("draft");
        draft["unpublished"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ShouldBe(["description", "data_specifications[2].data_quantities"]);
        await PublishAsync(id, _contributor, _approver, "Says how officers check the rankings.");

        var (_, v2, _) = await Send(_anonymous, HttpMethod.Get, $"/api/registers/algorithms/{id}");
        v2!["version"]!.GetValue<int>().ShouldBe(2);
        var history = v2["history"]!.AsArray();
        history.Select(h => h!["version"]!.GetValue<int>()).ShouldBe([2, 1]);
        history[0]!["changeNote"]!.GetValue<string>().ShouldBe("Says how officers check the rankings.");
        var changes = history[0]!["changes"]!.AsArray();
        changes.Count.ShouldBe(2);
        changes[0]!["after"]!.GetValue<string>().ShouldBe("Ranks repair requests by urgency; an officer checks every ranking.");
        changes[0]!["before"]!.GetValue<string>().ShouldStartWith("Housing repairs triage: Description");
        // The first version is kept as it was, and the public page shows what changed.
        var (_, old, _) = await Send(_anonymous, HttpMethod.Get, $"/api/registers/algorithms/{id}?version=1");
        old!["record"]!["description"]!.GetValue<string>().ShouldStartWith("Housing repairs triage: Description");
        var page = await _anonymous.GetHtmlAsync($"/registers/algorithms/{id}");
        page.QuerySelector("#version-2")!.TextContent.ShouldContain("Version 2");
        page.QuerySelector("#history")!.ParentElement!.TextContent.ShouldContain("an officer checks every ranking");
        (await _anonymous.GetHtmlAsync($"/registers/algorithms/{id}?version=1")).QuerySelector("#older-version").ShouldNotBeNull();

        await using var scope = _app.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().AuditEntries.Where(a => a.EntityType == nameof(AlgorithmRecordVersion)).ToListAsync();
        audit.Count.ShouldBe(2, "each publication is in the audit log");
        audit.ShouldAllBe(a => a.ActorName.Contains("approver"));
    }

    /// <summary>JSON with every object's keys in order, so two records compare by what they say.</summary>
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };

    /// <summary>The ATRS JSON the Observatory gives for a record: its fields, with the standard version.</summary>
    private static JsonObject AtrsWithStandard(JsonObject record)
    {
        var o = record.DeepClone().AsObject();
        o["standard_version"] = "3.0";
        return o;
    }

    [Fact]
    public async Task A_record_round_trips_through_atrs_json_and_csv_without_losing_a_field()
    {
        var record = FullRecord("Council tax single person discount review");
        var id = await DraftAsync(_contributor, record);
        await PublishAsync(id, _contributor, _approver);
        var (_, json, jsonText) = await Send(_anonymous, HttpMethod.Get, $"/api/registers/algorithms/{id}?format=atrs-3.0");
        // Every field the template has is there, each in its own name.
        foreach (var field in RegisterFields.Single.Where(f => f.Kind != FieldKind.Generated))
        {
            json![field.Attribute].ShouldNotBeNull(field.Attribute);
        }
        var csv = await _anonymous.GetStringAsync($"/api/registers/algorithms/{id}?format=csv");
        csv.ShouldContain("model_name_2");

        foreach (var (format, text, type) in new[] { ("atrs-3.0", jsonText, "application/json"), ("csv", csv, "text/csv") })
        {
            var (imported, result, resultText) = await Send(_beta, HttpMethod.Post, $"/api/organisations/beta-council/algorithms/import?format={format}", text, type);
            imported.ShouldBe(HttpStatusCode.OK, resultText);
            var newId = result!["ids"]![0]!.GetValue<long>();
            var (_, draft, _) = await Send(_beta, HttpMethod.Get, $"/api/registers/algorithms/{newId}/draft");
            Canonical(Fields(draft!["record"]!)).ShouldBe(Canonical(Fields(json!)), format);
        }
    }

    [Fact]
    public async Task The_dutch_export_validates_against_the_shipped_schema_and_reads_back_the_same()
    {
        var id = await DraftAsync(_contributor, FullRecord("Parking permit fraud check"));
        await PublishAsync(id, _contributor, _approver);
        var (status, dutch, text) = await Send(_anonymous, HttpMethod.Get, $"/api/registers/algorithms/{id}?format=nl-1.0");
        status.ShouldBe(HttpStatusCode.OK, text);
        var schema = JsonSchema.FromText(await File.ReadAllTextAsync(DataFolder.Locate().Combine("registers", "nl-publicatiestandaard-1.0.schema.json")));
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        var valid = schema.Evaluate(JsonDocument.Parse(text).RootElement, options);
        valid.IsValid.ShouldBeTrue(JsonSerializer.Serialize(valid));
        dutch!["status"]!.GetValue<string>().ShouldBe("In ontwikkeling", "the Eurocities status 'design' is in development");
        dutch["publication_category"]!.GetValue<string>().ShouldBe("Impactvolle algoritmes (Categorie B)");
        dutch["theme"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["Organisatie en bedrijfsvoering", "Economie"]);

        // A record missing what the standard requires is refused, naming it, rather than exported invalid.
        var thin = await DraftAsync(_contributor, new JsonObject { ["title"] = "Thin", ["name"] = "Thin", ["organisation_name"] = "Alpha Council", ["region"] = "north-west", ["phase"] = "production", ["one_sentence_description"] = "A thin record.", ["description"] = "Thin.", ["website_url"] = "N/A", ["contact_email"] = "a@alpha.gov.uk" });
        await PublishAsync(thin, _contributor, _approver);
        var (conflict, _, why) = await Send(_anonymous, HttpMethod.Get, $"/api/registers/algorithms/{thin}?format=nl-1.0");
        conflict.ShouldBe(HttpStatusCode.Conflict);
        why.ShouldContain("a value for “Month it came into use”", Case.Sensitive, why);

        // Read back through the Dutch standard, published, and exported again: every field the standard holds is the same.
        var (importStatus, result, resultText) = await Send(_beta, HttpMethod.Post, "/api/organisations/beta-council/algorithms/import?format=nl-1.0", text);
        importStatus.ShouldBe(HttpStatusCode.OK, resultText);
        var copy = result!["ids"]![0]!.GetValue<long>();
        // The Dutch standard has no phase or region, which the UK one needs before publication: Beta adds them.
        var (_, imported, _) = await Send(_beta, HttpMethod.Get, $"/api/registers/algorithms/{copy}/draft");
        var completed = imported!["record"]!.AsObject().DeepClone().AsObject();
        completed["phase"] = "production";
        completed["region"] = "north-west";
        (await Send(_beta, HttpMethod.Put, $"/api/registers/algorithms/{copy}/draft", completed.ToJsonString())).Status.ShouldBe(HttpStatusCode.OK);
        await PublishAsync(copy, _beta, _betaApprover);
        var (_, again, _) = await Send(_anonymous, HttpMethod.Get, $"/api/registers/algorithms/{copy}?format=nl-1.0");
        foreach (var key in new[] { "source_id", "source_link" })
        {
            again!.AsObject().Remove(key);
            dutch.AsObject().Remove(key);
        }
        Canonical(again).ShouldBe(Canonical(dutch));
    }

    [Fact]
    public async Task An_import_with_any_problem_adds_nothing_and_names_the_file_line_and_field_of_each()
    {
        var good = FullRecord("Good record").ToJsonString();
        var file = $"[\n{good},\n{{\n  \"title\": \"Bad record\",\n  \"contact_email\": \"not an address\",\n  \"phase\": \"sometime\"\n}}\n]";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organisations/alpha-council/algorithms/import") { Content = new StringContent(file, Encoding.UTF8, "application/json") };
        request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "records.json" };
        using var response = await _contributor.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        errors["contact_email"]![0]!.GetValue<string>().ShouldStartWith("records.json:5: contact_email:");
        errors["phase"]![0]!.GetValue<string>().ShouldStartWith("records.json:6: phase:");

        var csv = "title,phase,model_name_1,model_version_1\r\nFirst,production,Scorer,1\r\nSecond,production,Scorer,\r\nThird,nonsense,,\r\n";
        var (csvStatus, csvBody, _) = await Send(_contributor, HttpMethod.Post, "/api/organisations/alpha-council/algorithms/import?format=csv", csv, "text/csv");
        csvStatus.ShouldBe(HttpStatusCode.BadRequest);
        csvBody!["errors"]!["phase"]![0]!.GetValue<string>().ShouldStartWith("request body:4:2: phase:");
        var (_, list, _) = await Send(_contributor, HttpMethod.Get, "/api/organisations/alpha-council/algorithms");
        list!.AsArray().Count.ShouldBe(0, "nothing of either file was added");

        var (ok, added, _) = await Send(_contributor, HttpMethod.Post, "/api/organisations/alpha-council/algorithms/import?format=csv", csv.Replace("nonsense", "retired", StringComparison.Ordinal), "text/csv");
        ok.ShouldBe(HttpStatusCode.OK);
        added!["imported"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task A_reported_problem_is_seen_only_by_the_owning_organisation_which_marks_it_resolved()
    {
        var id = await DraftAsync(_contributor, FullRecord("Blue badge eligibility"));
        (await Send(_anonymous, HttpMethod.Post, $"/api/registers/algorithms/{id}/problems", """{"description": "Anything"}""")).Status.ShouldBe(HttpStatusCode.NotFound, "a draft takes no reports: it does not exist to the public");
        await PublishAsync(id, _contributor, _approver);
        (await Send(_anonymous, HttpMethod.Post, $"/api/registers/algorithms/{id}/problems", """{"description": " "}""")).Status.ShouldBe(HttpStatusCode.BadRequest);

        // Through the page, without JavaScript or an account.
        var form = await TestAccounts.FormTokenAsync(_anonymous, $"/registers/algorithms/{id}/report");
        using var sent = await _anonymous.PostAsync($"/registers/algorithms/{id}/report", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form,
            ["description"] = "The contact address bounces.",
            ["contact"] = "resident@example.com",
        }));
        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sent.Content.ReadAsStringAsync()).ShouldContain("Problem reported");

        var (_, draft, _) = await Send(_contributor, HttpMethod.Get, $"/api/registers/algorithms/{id}/draft");
        var report = draft!["problems"]!.AsArray().Single()!;
        report["description"]!.GetValue<string>().ShouldBe("The contact address bounces.");
        var reportId = report["id"]!.GetValue<long>();
        (await _beta.GetStringAsync("/api/organisations/beta-council/algorithms")).ShouldNotContain("bounces");
        (await _anonymous.GetStringAsync($"/api/registers/algorithms/{id}")).ShouldNotContain("bounces");
        (await Send(_beta, HttpMethod.Post, $"/api/registers/algorithms/{id}/problems/{reportId}/resolve", "{}")).Status.ShouldBe(HttpStatusCode.NotFound);

        var (resolved, body, _) = await Send(_contributor, HttpMethod.Post, $"/api/registers/algorithms/{id}/problems/{reportId}/resolve", """{"resolution": "Address corrected in version 2."}""");
        resolved.ShouldBe(HttpStatusCode.OK);
        body!["resolvedAt"].ShouldNotBeNull();
        (await Send(_contributor, HttpMethod.Post, $"/api/registers/algorithms/{id}/problems/{reportId}/resolve", "{}")).Status.ShouldBe(HttpStatusCode.Conflict);
        var (_, mine, _) = await Send(_contributor, HttpMethod.Get, "/api/organisations/alpha-council/algorithms");
        mine![0]!["openProblems"]!.GetValue<int>().ShouldBe(0);

        await using var scope = _app.Services.CreateAsyncScope();
        var entries = await scope.ServiceProvider.GetRequiredService<ObservatoryDbContext>().AuditEntries.Where(a => a.EntityType == nameof(AlgorithmProblemReport)).ToListAsync();
        entries.Select(e => e.Action).ShouldBe(["created", "updated"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_finder_searches_by_words_and_facets_with_counts_and_pages_without_javascript()
    {
        foreach (var (title, phase, client, approver, slug) in new[]
        {
            ("Housing repairs triage", "production", _contributor, _approver, "alpha-council"),
            ("Missed bin prediction", "pre-deployment", _contributor, _approver, "alpha-council"),
            ("School place forecasting", "production", _beta, _betaApprover, "beta-council"),
        })
        {
            var record = FullRecord(title);
            record["phase"] = phase;
            await PublishAsync(await DraftAsync(client, record, slug), client, approver);
        }
        await DraftAsync(_contributor, FullRecord("Unpublished draft"));

        var (_, all, _) = await Send(_anonymous, HttpMethod.Get, "/api/registers/algorithms");
        all!["total"]!.GetValue<int>().ShouldBe(3, "the draft is not in the register");
        var (_, production, _) = await Send(_anonymous, HttpMethod.Get, "/api/registers/algorithms?phase=production");
        production!["items"]!.AsArray().Select(i => i!["title"]!.GetValue<string>()).ShouldBe(["School place forecasting", "Housing repairs triage"]);
        var organisations = production["facets"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == "organisation")!["values"]!.AsArray();
        organisations.Select(v => (v!["value"]!.GetValue<string>(), v["count"]!.GetValue<int>())).ShouldBe([("alpha-council", 1), ("beta-council", 1)]);
        var phases = production["facets"]!.AsArray().Single(f => f!["key"]!.GetValue<string>() == "phase")!["values"]!.AsArray();
        phases.Select(v => (v!["value"]!.GetValue<string>(), v["count"]!.GetValue<int>())).ShouldBe([("pre-deployment", 1), ("production", 2)], "a facet counts as if its own choice were not made");
        var (_, words, _) = await Send(_anonymous, HttpMethod.Get, "/api/registers/algorithms?q=bin+prediction&organisation=alpha-council");
        words!["items"]!.AsArray().Single()!["title"]!.GetValue<string>().ShouldBe("Missed bin prediction");
        var (_, second, _) = await Send(_anonymous, HttpMethod.Get, "/api/registers/algorithms?pageSize=2&page=2");
        second!["items"]!.AsArray().Count.ShouldBe(1);
        second["pages"]!.GetValue<int>().ShouldBe(2);
        (await Send(_anonymous, HttpMethod.Get, "/api/registers/algorithms?colour=blue")).Status.ShouldBe(HttpStatusCode.BadRequest);

        // The page: a plain GET form, results, facet checkboxes with counts, applied filters to remove.
        var page = await _anonymous.GetHtmlAsync("/registers/algorithms?phase=production");
        page.QuerySelector("#results-heading")!.TextContent.ShouldBe("2 records");
        page.QuerySelectorAll("#results h3").Select(h => h.TextContent.Trim()).ShouldBe(["School place forecasting", "Housing repairs triage"]);
        page.QuerySelector("input[name='phase'][value='production']")!.HasAttribute("checked").ShouldBeTrue();
        page.QuerySelector("#applied-filters")!.TextContent.ShouldContain("Phase: Production");
        page.QuerySelector("form[role='search']")!.GetAttribute("method").ShouldBe("get");
        var csv = await _anonymous.GetStringAsync(page.QuerySelector("#download a")!.GetAttribute("href")!);
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3, "a header and the two records found");
    }
}
