using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Html;
using Observatory.Rendering.Components.GovUk;

namespace Observatory.Rendering.Tests.Components;

/// <summary>One example from GOV.UK Frontend's fixtures.json: the macro's options and the HTML it rendered.</summary>
internal sealed record GovUkFixture(string Name, JsonObject Options, string Html);

/// <summary>
/// Reads GOV.UK Frontend's own fixtures (the reference output of its Nunjucks macros) and renders the same
/// options through our <see cref="GovUk"/> renderers.
/// </summary>
internal static class GovUkFixtures
{
    // Strict on purpose: an option we do not model fails loudly instead of being silently dropped.
    private static readonly JsonSerializerOptions _jsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly Dictionary<string, IReadOnlyList<GovUkFixture>> _cache = [];
    private static readonly Lock _cacheLock = new();

    public static readonly IReadOnlyDictionary<string, Func<JsonObject, IHtmlContent>> Renderers =
        new Dictionary<string, Func<JsonObject, IHtmlContent>>
        {
            ["skip-link"] = Using<SkipLinkOptions>(GovUk.SkipLink),
            ["service-navigation"] = Using<ServiceNavigationOptions>(GovUk.ServiceNavigation),
            ["generic-header"] = Using<GenericHeaderOptions>(GovUk.GenericHeader),
            ["phase-banner"] = Using<PhaseBannerOptions>(GovUk.PhaseBanner),
            ["footer"] = Using<FooterOptions>(GovUk.Footer),
            ["breadcrumbs"] = Using<BreadcrumbsOptions>(GovUk.Breadcrumbs),
            ["back-link"] = Using<BackLinkOptions>(GovUk.BackLink),
            ["summary-list"] = Using<SummaryListOptions>(GovUk.SummaryList),
            ["table"] = Using<TableOptions>(GovUk.Table),
            ["tag"] = Using<TagOptions>(GovUk.Tag),
            ["inset-text"] = Using<InsetTextOptions>(GovUk.InsetText),
            ["details"] = Using<DetailsOptions>(GovUk.Details),
            ["warning-text"] = Using<WarningTextOptions>(GovUk.WarningText),
            ["notification-banner"] = Using<NotificationBannerOptions>(GovUk.NotificationBanner),
            ["panel"] = Using<PanelOptions>(GovUk.Panel),
            ["error-summary"] = Using<ErrorSummaryOptions>(GovUk.ErrorSummary),
            ["error-message"] = Using<ErrorMessageOptions>(GovUk.ErrorMessage),
            ["hint"] = Using<HintOptions>(GovUk.Hint),
            ["label"] = Using<LabelOptions>(GovUk.Label),
            ["fieldset"] = Using<FieldsetOptions>(GovUk.Fieldset),
            ["input"] = Using<InputOptions>(GovUk.Input),
            ["textarea"] = Using<TextareaOptions>(GovUk.Textarea),
            ["select"] = Using<SelectOptions>(GovUk.Select),
            ["radios"] = Using<RadiosOptions>(GovUk.Radios),
            ["checkboxes"] = Using<CheckboxesOptions>(GovUk.Checkboxes),
            ["date-input"] = Using<DateInputOptions>(GovUk.DateInput),
            ["file-upload"] = Using<FileUploadOptions>(GovUk.FileUpload),
            ["pagination"] = Using<PaginationOptions>(GovUk.Pagination),
            ["button"] = Using<ButtonOptions>(GovUk.Button),
            ["character-count"] = Using<CharacterCountOptions>(GovUk.CharacterCount),
        };

    /// <summary>
    /// Fixtures we do not compare, by component, each with the reason. Keep this short: every entry is behaviour
    /// the pages cannot have. GOV.UK Frontend 6.6.0 needs none: its fixtures carry options only (no <c>caller</c>
    /// blocks), and every option they use is supported. An entry looks like
    /// <c>["inset-text"] = new Dictionary&lt;string, string&gt; { ["with caller"] = "Nunjucks caller block" }</c>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Skipped =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>
    /// Options that a fixture passes but the macro itself ignores; they are removed before reading the options
    /// so the strict reader does not reject them, and the fixture is still compared.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string[]> _ignoredOptions = new Dictionary<string, string[]>
    {
        // A file input cannot be given a value; the macro accepts the option and drops it.
        ["file-upload"] = ["value"],
    };

    public static IReadOnlyList<GovUkFixture> Load(string component)
    {
        lock (_cacheLock)
        {
            if (!_cache.TryGetValue(component, out var fixtures))
            {
                fixtures = Read(component);
                _cache[component] = fixtures;
            }

            return fixtures;
        }
    }

    /// <summary>The fixture names to compare for one component, for a theory's MemberData.</summary>
    public static TheoryData<string> Compared(string component) => [.. ComparedNames(component)];

    public static IReadOnlyList<string> ComparedNames(string component)
    {
        var skipped = SkippedFor(component);
        return [.. Load(component).Select(f => f.Name).Where(name => !skipped.ContainsKey(name))];
    }

    public static IReadOnlyDictionary<string, string> SkippedFor(string component) =>
        Skipped.TryGetValue(component, out var skipped) ? skipped : new Dictionary<string, string>();

    public static string Render(string component, GovUkFixture fixture)
    {
        var options = (JsonObject)fixture.Options.DeepClone();
        foreach (var ignored in _ignoredOptions.GetValueOrDefault(component, []))
        {
            options.Remove(ignored);
        }

        using var writer = new StringWriter();
        Renderers[component](options).WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }

    /// <summary>
    /// The GOV.UK Frontend package: found by walking up from the test binaries to the folder holding
    /// node_modules/govuk-frontend, so the tests work wherever the repository is checked out.
    /// </summary>
    public static DirectoryInfo ComponentsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var components = new DirectoryInfo(
                Path.Combine(directory.FullName, "node_modules", "govuk-frontend", "dist", "govuk", "components"));
            if (components.Exists)
            {
                return components;
            }
        }

        throw new DirectoryNotFoundException(
            $"No node_modules/govuk-frontend above {AppContext.BaseDirectory}; run 'npm ci' in the repository root.");
    }

    private static Func<JsonObject, IHtmlContent> Using<TOptions>(Func<TOptions, IHtmlContent> render) =>
        json => render(json.Deserialize<TOptions>(_jsonOptions)
            ?? throw new InvalidOperationException("The fixture has no options."));

    private static List<GovUkFixture> Read(string component)
    {
        var path = Path.Combine(ComponentsDirectory().FullName, component, "fixtures.json");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return
        [
            .. root["fixtures"]!.AsArray().Select(f => new GovUkFixture(
                f!["name"]!.GetValue<string>(),
                f["options"]!.AsObject(),
                f["html"]!.GetValue<string>())),
        ];
    }
}
