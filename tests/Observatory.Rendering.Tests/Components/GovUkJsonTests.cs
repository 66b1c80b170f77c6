using System.Text.Json;
using Observatory.Rendering.Components.GovUk;

namespace Observatory.Rendering.Tests.Components;

/// <summary>
/// The loosely typed JSON that GOV.UK Frontend's examples use, read with nothing but case-insensitive names.
/// GOV.UK Frontend 6.6.0's fixtures never use the <c>{ value, optional }</c> attribute form, so it is covered here.
/// </summary>
public sealed class GovUkJsonTests
{
    private static readonly JsonSerializerOptions _jsonOptions = new() { PropertyNameCaseInsensitive = true };

    [Fact]
    public void Attribute_values_may_be_numbers_booleans_null_or_optional_objects()
    {
        var options = Read<ButtonOptions>(
            """
            {
              "text": "Save",
              "attributes": {
                "data-count": 3,
                "aria-hidden": false,
                "data-empty": null,
                "hidden": { "value": true, "optional": true },
                "inert": { "value": false, "optional": true },
                "data-missing": { "value": null, "optional": true },
                "data-kept": { "value": "yes", "optional": true },
                "data-plain": { "value": "also" }
              }
            }
            """);

        options.Attributes.ShouldBe(new Dictionary<string, string>
        {
            ["data-count"] = "3",
            ["aria-hidden"] = "false",
            ["data-empty"] = "",
            ["hidden"] = "",
            ["data-kept"] = "yes",
            ["data-plain"] = "also",
        });
    }

    [Fact]
    public void Falsy_items_are_kept_as_gaps_so_later_ids_keep_their_position()
    {
        var options = Read<RadiosOptions>(
            """{ "name": "colour", "items": [ { "value": "red", "text": "Red" }, null, false, "", 0, { "value": 7, "text": "Seven" } ] }""");

        options.Items.ShouldNotBeNull();
        options.Items.Count.ShouldBe(6);
        options.Items.Count(i => i is null).ShouldBe(4);
        options.Items[5]!.Value.ShouldBe("7");
        Render(GovUk.Radios(options)).ShouldContain("id=\"colour-6\"");
    }

    [Fact]
    public void A_date_field_given_as_false_is_left_out()
    {
        var options = Read<DateInputOptions>("""{ "id": "start", "day": false, "values": { "month": 4, "year": 2025 } }""");

        options.Day!.Omit.ShouldBeTrue();
        var html = Render(GovUk.DateInput(options));
        html.ShouldNotContain("start-day");
        html.ShouldContain("value=\"4\"");
        html.ShouldContain("value=\"2025\"");
    }

    [Fact]
    public void The_service_navigation_end_slot_may_be_plain_html()
    {
        var options = Read<ServiceNavigationOptions>("""{ "slots": { "end": "<p>end</p>" } }""");

        options.Slots!.End!.Html.ShouldBe("<p>end</p>");
    }

    [Fact]
    public void A_null_content_licence_hides_the_licence()
    {
        Read<FooterOptions>("""{ "contentLicence": null }""").HideContentLicence.ShouldBeTrue();
        Read<FooterOptions>("""{ }""").HideContentLicence.ShouldBeFalse();
    }

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, _jsonOptions)!;

    private static string Render(Microsoft.AspNetCore.Html.IHtmlContent content)
    {
        using var writer = new StringWriter();
        content.WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        return writer.ToString();
    }
}
