using System.Globalization;
using Microsoft.AspNetCore.Html;

namespace Observatory.Rendering.Components.GovUk;

public static partial class GovUk
{
    public static IHtmlContent ErrorSummary(ErrorSummaryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        b.StartTag("div").Class("govuk-error-summary", options.Classes);
        if (options.DisableAutoFocus is { } disableAutoFocus)
        {
            b.Attr("data-disable-auto-focus", disableAutoFocus ? "true" : "false");
        }

        b.Attrs(options.Attributes).Attr("data-module", "govuk-error-summary").EndTag();

        // role="alert" sits on an inner element so that focusing the summary does not race the announcement.
        b.StartTag("div").Attr("role", "alert").EndTag();
        b.StartTag("h2").Class("govuk-error-summary__title").EndTag().HtmlOrText(options.TitleHtml, options.TitleText).Close("h2");
        b.StartTag("div").Class("govuk-error-summary__body").EndTag();
        if (HtmlBuilder.Has(options.DescriptionHtml) || HtmlBuilder.Has(options.DescriptionText))
        {
            b.Raw("<p>").HtmlOrText(options.DescriptionHtml, options.DescriptionText).Raw("</p>");
        }

        if (options.ErrorList is { Count: > 0 } errors)
        {
            b.StartTag("ul").Class("govuk-list", "govuk-error-summary__list").EndTag();
            foreach (var error in errors)
            {
                b.Raw("<li>");
                if (HtmlBuilder.Has(error.Href))
                {
                    b.StartTag("a").Attr("href", error.Href).Attrs(error.Attributes).EndTag()
                        .HtmlOrText(error.Html, error.Text).Close("a");
                }
                else
                {
                    b.HtmlOrText(error.Html, error.Text);
                }

                b.Raw("</li>");
            }

            b.Close("ul");
        }

        b.Close("div").Close("div").Close("div");
        return b.ToHtml();
    }

    public static IHtmlContent ErrorMessage(ErrorMessageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        WriteErrorMessage(b, options, options.Id);
        return b.ToHtml();
    }

    private static void WriteErrorMessage(HtmlBuilder b, ErrorMessageOptions options, string? id)
    {
        var visuallyHiddenText = options.VisuallyHiddenText ?? "Error";
        b.StartTag("p").AttrIf("id", id).Class("govuk-error-message", options.Classes).Attrs(options.Attributes).EndTag();
        if (HtmlBuilder.Has(visuallyHiddenText))
        {
            b.StartTag("span").Class("govuk-visually-hidden").EndTag().Text(visuallyHiddenText).Raw(":").Close("span").Raw(" ");
        }

        b.HtmlOrText(options.Html, options.Text).Close("p");
    }

    public static IHtmlContent Hint(HintOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        WriteHint(b, options, options.Id, null);
        return b.ToHtml();
    }

    private static void WriteHint(HtmlBuilder b, HintOptions options, string? id, string? extraClass) =>
        b.StartTag("div").AttrIf("id", id).Class("govuk-hint", extraClass, options.Classes).Attrs(options.Attributes).EndTag()
            .HtmlOrText(options.Html, options.Text)
            .Close("div");

    public static IHtmlContent Label(LabelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        WriteLabel(b, options, options.For, null);
        return b.ToHtml();
    }

    private static void WriteLabel(HtmlBuilder b, LabelOptions? options, string? forId, string? extraClass)
    {
        if (options is null || (!HtmlBuilder.Has(options.Html) && !HtmlBuilder.Has(options.Text)))
        {
            return;
        }

        var isPageHeading = options.IsPageHeading;
        if (isPageHeading)
        {
            b.StartTag("h1").Class("govuk-label-wrapper").EndTag();
        }

        b.StartTag("label").Class("govuk-label", extraClass, options.Classes).Attrs(options.Attributes).AttrIf("for", forId).EndTag()
            .HtmlOrText(options.Html, options.Text)
            .Close("label");
        if (isPageHeading)
        {
            b.Close("h1");
        }
    }

    public static IHtmlContent Fieldset(FieldsetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        WriteFieldset(b, options, options.Role, options.DescribedBy, () => b.Raw(options.Html));
        return b.ToHtml();
    }

    private static void WriteFieldset(HtmlBuilder b, FieldsetOptions options, string? role, string? describedBy, Action writeContent)
    {
        b.StartTag("fieldset").Class("govuk-fieldset", options.Classes).AttrIf("role", role)
            .AttrIf("aria-describedby", describedBy).Attrs(options.Attributes).EndTag();
        var legend = options.Legend;
        if (legend is not null && (HtmlBuilder.Has(legend.Html) || HtmlBuilder.Has(legend.Text)))
        {
            b.StartTag("legend").Class("govuk-fieldset__legend", legend.Classes).EndTag();
            if (legend.IsPageHeading)
            {
                b.StartTag("h1").Class("govuk-fieldset__heading").EndTag().HtmlOrText(legend.Html, legend.Text).Close("h1");
            }
            else
            {
                b.HtmlOrText(legend.Html, legend.Text);
            }

            b.Close("legend");
        }

        writeContent();
        b.Close("fieldset");
    }

    /// <summary>Opens the form group shared by every control and writes its label, hint and error message.</summary>
    /// <returns>The control's <c>aria-describedby</c>: the caller's ids, then the hint's, then the error's.</returns>
    private static string? WriteFormGroupStart(
        HtmlBuilder b,
        FormGroupOptions? formGroup,
        LabelOptions? label,
        HintOptions? hint,
        ErrorMessageOptions? errorMessage,
        string? id,
        string? describedBy)
    {
        b.StartTag("div")
            .Class("govuk-form-group", errorMessage is not null ? "govuk-form-group--error" : null, formGroup?.Classes)
            .Attrs(formGroup?.Attributes)
            .EndTag();
        WriteLabel(b, label, id, null);
        return WriteHintAndError(b, hint, errorMessage, id, describedBy);
    }

    /// <summary>Opens a single field's form group (<see cref="WriteFormGroupStart"/>); its id (by default its name) and <c>aria-describedby</c>.</summary>
    private static (string? Id, string? DescribedBy) WriteFieldStart(HtmlBuilder b, FieldOptions options)
    {
        var id = HtmlBuilder.Has(options.Id) ? options.Id : options.Name;
        var describedBy = WriteFormGroupStart(
            b, options.FormGroup, options.Label, options.Hint, options.ErrorMessage, id,
            HtmlBuilder.Has(options.DescribedBy) ? options.DescribedBy : null);
        return (id, describedBy);
    }

    private static string? WriteHintAndError(HtmlBuilder b, HintOptions? hint, ErrorMessageOptions? errorMessage, string? idPrefix, string? describedBy)
    {
        if (hint is not null)
        {
            var hintId = idPrefix + "-hint";
            describedBy = AppendId(describedBy, hintId);
            WriteHint(b, hint, hintId, null);
        }

        if (errorMessage is not null)
        {
            var errorId = idPrefix + "-error";
            describedBy = AppendId(describedBy, errorId);
            WriteErrorMessage(b, errorMessage, errorId);
        }

        return describedBy;
    }

    private static string AppendId(string? ids, string id) => HtmlBuilder.Has(ids) ? ids + " " + id : id;

    private static void WriteContent(HtmlBuilder b, ContentOptions? content)
    {
        if (content is not null)
        {
            b.HtmlOrText(content.Html, content.Text);
        }
    }

    private static bool HasContent(ContentOptions? content) =>
        content is not null && (HtmlBuilder.Has(content.Text) || HtmlBuilder.Has(content.Html));

    public static IHtmlContent Input(InputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        WriteInput(b, options);
        return b.ToHtml();
    }

    private static void WriteInput(HtmlBuilder b, InputOptions options)
    {
        var (id, describedBy) = WriteFieldStart(b, options);

        var hasPrefix = options.Prefix is { } prefix && (HtmlBuilder.Has(prefix.Text) || HtmlBuilder.Has(prefix.Html));
        var hasSuffix = options.Suffix is { } suffix && (HtmlBuilder.Has(suffix.Text) || HtmlBuilder.Has(suffix.Html));
        var hasBeforeInput = HasContent(options.FormGroup?.BeforeInput);
        var hasAfterInput = HasContent(options.FormGroup?.AfterInput);

        if (hasPrefix || hasSuffix || hasBeforeInput || hasAfterInput)
        {
            b.StartTag("div").Class("govuk-input__wrapper", options.InputWrapper?.Classes).Attrs(options.InputWrapper?.Attributes).EndTag();
            if (hasBeforeInput)
            {
                WriteContent(b, options.FormGroup!.BeforeInput);
            }

            if (hasPrefix)
            {
                WriteInputAffix(b, options.Prefix!, "prefix");
            }

            WriteInputElement(b, options, id, describedBy);
            if (hasSuffix)
            {
                WriteInputAffix(b, options.Suffix!, "suffix");
            }

            if (hasAfterInput)
            {
                WriteContent(b, options.FormGroup!.AfterInput);
            }

            b.Close("div");
        }
        else
        {
            WriteInputElement(b, options, id, describedBy);
        }

        b.Close("div");
    }

    private static void WriteInputElement(HtmlBuilder b, InputOptions options, string? id, string? describedBy)
    {
        b.StartTag("input")
            .Class("govuk-input", options.Classes, options.ErrorMessage is not null ? "govuk-input--error" : null)
            .Attr("id", id)
            .Attr("name", options.Name)
            .Attr("type", HtmlBuilder.Has(options.Type) ? options.Type : "text");
        if (options.Spellcheck is { } spellcheck)
        {
            b.Attr("spellcheck", spellcheck ? "true" : "false");
        }

        b.AttrIfNotNull("value", options.Value)
            .Flag("disabled", options.Disabled)
            .AttrIfNotNull("aria-describedby", describedBy)
            .AttrIfNotNull("autocomplete", options.Autocomplete)
            .AttrIfNotNull("autocapitalize", options.Autocapitalize)
            .AttrIfNotNull("pattern", options.Pattern)
            .AttrIfNotNull("inputmode", options.Inputmode)
            .Attrs(options.Attributes)
            .EndTag();
    }

    private static void WriteInputAffix(HtmlBuilder b, InputAffix affix, string type) =>
        b.StartTag("div").Class("govuk-input__" + type, affix.Classes).Attr("aria-hidden", "true").Attrs(affix.Attributes).EndTag()
            .HtmlOrText(affix.Html, affix.Text)
            .Close("div");

    public static IHtmlContent Textarea(TextareaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        WriteTextarea(b, options);
        return b.ToHtml();
    }

    private static void WriteTextarea(HtmlBuilder b, TextareaOptions options)
    {
        var (id, describedBy) = WriteFieldStart(b, options);
        if (options.FormGroup?.BeforeInput is { } beforeInput)
        {
            WriteContent(b, beforeInput);
        }

        var rows = options.Rows is > 0 ? options.Rows.Value : 5;
        b.StartTag("textarea")
            .Class("govuk-textarea", options.ErrorMessage is not null ? "govuk-textarea--error" : null, options.Classes)
            .Attr("id", id)
            .Attr("name", options.Name)
            .Attr("rows", rows.ToString(CultureInfo.InvariantCulture));
        if (options.Spellcheck is { } spellcheck)
        {
            b.Attr("spellcheck", spellcheck ? "true" : "false");
        }

        b.Flag("disabled", options.Disabled)
            .AttrIf("aria-describedby", describedBy)
            .AttrIf("autocomplete", options.Autocomplete)
            .Attrs(options.Attributes)
            .EndTag()
            .Text(options.Value)
            .Close("textarea");
        if (options.FormGroup?.AfterInput is { } afterInput)
        {
            WriteContent(b, afterInput);
        }

        b.Close("div");
    }

    public static IHtmlContent Select(SelectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        var (id, describedBy) = WriteFieldStart(b, options);
        if (options.FormGroup?.BeforeInput is { } beforeInput)
        {
            WriteContent(b, beforeInput);
        }

        b.StartTag("select")
            .Class("govuk-select", options.Classes, options.ErrorMessage is not null ? "govuk-select--error" : null)
            .Attr("id", id)
            .Attr("name", options.Name)
            .Flag("disabled", options.Disabled)
            .AttrIf("aria-describedby", describedBy)
            .Attrs(options.Attributes)
            .EndTag();
        foreach (var item in options.Items ?? [])
        {
            if (item is null)
            {
                continue;
            }

            // An option without a value submits its text, so match the selected value against that.
            var effectiveValue = item.Value ?? item.Text;
            var selected = item.Selected == true
                || (item.Selected != false && HtmlBuilder.Has(options.Value) && effectiveValue == options.Value);
            b.StartTag("option")
                .AttrIfNotNull("value", item.Value)
                .Flag("selected", selected)
                .Flag("disabled", item.Disabled)
                .Attrs(item.Attributes)
                .EndTag()
                .Text(item.Text)
                .Close("option");
        }

        b.Close("select");
        if (options.FormGroup?.AfterInput is { } afterInput)
        {
            WriteContent(b, afterInput);
        }

        b.Close("div");
        return b.ToHtml();
    }

    public static IHtmlContent Radios(RadiosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Choices(options, "radios", "radio", options.Fieldset?.DescribedBy, itemsNameHintAndError: false,
            (options.Items ?? []).Select(item => item is null ? null : ChoiceItem.FromRadio(item, options)));
    }

    public static IHtmlContent Checkboxes(CheckboxesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var describedBy = HtmlBuilder.Has(options.Fieldset?.DescribedBy) ? options.Fieldset!.DescribedBy : options.DescribedBy;
        return Choices(options, "checkboxes", "checkbox", describedBy, itemsNameHintAndError: true,
            (options.Items ?? []).Select(item => item is null ? null : ChoiceItem.FromCheckbox(item, options)));
    }

    /// <summary>
    /// Radios or checkboxes (<paramref name="block"/>): the form group, the hint and error, the items and the fieldset
    /// around them. <paramref name="itemsNameHintAndError"/>: without a fieldset nothing else carries the hint and
    /// error to assistive technology, so each checkbox points at them itself.
    /// </summary>
    private static IHtmlContent Choices(ChoicesOptions options, string block, string inputType, string? describedBy, bool itemsNameHintAndError, IEnumerable<ChoiceItem?> items)
    {
        var b = new HtmlBuilder();
        var idPrefix = HtmlBuilder.Has(options.IdPrefix) ? options.IdPrefix : options.Name;

        b.StartTag("div")
            .Class("govuk-form-group", options.ErrorMessage is not null ? "govuk-form-group--error" : null, options.FormGroup?.Classes)
            .Attrs(options.FormGroup?.Attributes)
            .EndTag();

        // The hint and error message sit inside the fieldset, but the fieldset's aria-describedby must name them:
        // render the inner part first, then wrap it.
        var inner = new HtmlBuilder();
        describedBy = WriteHintAndError(inner, options.Hint, options.ErrorMessage, idPrefix, describedBy);
        var itemDescribedBy = itemsNameHintAndError && options.Fieldset is null ? describedBy : null;

        inner.StartTag("div").Class($"govuk-{block}", options.Classes).Attrs(options.Attributes).Attr("data-module", $"govuk-{block}").EndTag();
        WriteContent(inner, options.FormGroup?.BeforeInputs);
        var index = 0;
        foreach (var item in items)
        {
            if (item is not null)
            {
                WriteChoiceItem(inner, item, block, inputType, ItemId(item.Id, idPrefix, index), itemDescribedBy);
            }
            index++;
        }

        WriteContent(inner, options.FormGroup?.AfterInputs);
        inner.Close("div");

        WriteFieldsetOrContent(b, options.Fieldset, null, describedBy, inner);
        b.Close("div");
        return b.ToHtml();
    }

    /// <summary>The first item's id has no suffix so an error summary can link to it without knowing the count.</summary>
    private static string? ItemId(string? explicitId, string? idPrefix, int index) =>
        HtmlBuilder.Has(explicitId) ? explicitId : index == 0 ? idPrefix : $"{idPrefix}-{index + 1}";

    private static void WriteFieldsetOrContent(HtmlBuilder b, FieldsetOptions? fieldset, string? role, string? describedBy, HtmlBuilder content)
    {
        if (fieldset is not null)
        {
            WriteFieldset(b, fieldset, role, describedBy, () => b.Raw(content.ToString()));
        }
        else
        {
            b.Raw(content.ToString());
        }
    }

    /// <summary>What radios and checkboxes items have in common, so one writer serves both.</summary>
    private sealed record ChoiceItem(
        string? Id,
        string? Text,
        string? Html,
        string? Name,
        string? Value,
        LabelOptions? Label,
        HintOptions? Hint,
        string? Divider,
        bool IsChecked,
        string? ConditionalHtml,
        string? Behaviour,
        bool Disabled,
        Dictionary<string, string>? Attributes)
    {
        public static ChoiceItem FromRadio(RadiosItem item, RadiosOptions options) =>
            From(item, options.Name, HtmlBuilder.Has(options.Value) && item.Value == options.Value, behaviour: null);

        public static ChoiceItem FromCheckbox(CheckboxesItem item, CheckboxesOptions options) =>
            From(item, HtmlBuilder.Has(item.Name) ? item.Name : options.Name,
                options.Values is not null && item.Value is not null && options.Values.Contains(item.Value), item.Behaviour);

        /// <summary><paramref name="chosen"/>: the group's value (or values) name this item; its own Checked overrides that.</summary>
        private static ChoiceItem From(ChoiceItemOptions item, string? name, bool chosen, string? behaviour) =>
            new(item.Id, item.Text, item.Html, name, item.Value, item.Label, item.Hint, item.Divider,
                item.Checked == true || (item.Checked != false && chosen), item.Conditional?.Html, behaviour, item.Disabled, item.Attributes);
    }

    private static void WriteChoiceItem(HtmlBuilder b, ChoiceItem item, string block, string inputType, string? itemId, string? groupDescribedBy)
    {
        if (HtmlBuilder.Has(item.Divider))
        {
            b.StartTag("div").Class($"govuk-{block}__divider").EndTag().Text(item.Divider).Close("div");
            return;
        }

        var conditionalId = "conditional-" + itemId;
        var hasConditional = HtmlBuilder.Has(item.ConditionalHtml);
        var hasHint = HtmlBuilder.Has(item.Hint?.Text) || HtmlBuilder.Has(item.Hint?.Html);
        var itemHintId = itemId + "-item-hint";
        var describedBy = hasHint ? AppendId(groupDescribedBy, itemHintId) : groupDescribedBy;

        b.StartTag("div").Class($"govuk-{block}__item").EndTag();
        b.StartTag("input")
            .Class($"govuk-{block}__input")
            .Attr("id", itemId)
            .Attr("name", item.Name)
            .Attr("type", inputType)
            .Attr("value", item.Value)
            .Flag("checked", item.IsChecked)
            .Flag("disabled", item.Disabled)
            .AttrIf("data-aria-controls", hasConditional ? conditionalId : null)
            .AttrIf("data-behaviour", item.Behaviour)
            .AttrIf("aria-describedby", describedBy)
            .Attrs(item.Attributes)
            .EndTag();
        WriteLabel(
            b,
            new LabelOptions { Text = item.Text, Html = item.Html, Classes = item.Label?.Classes, Attributes = item.Label?.Attributes },
            itemId,
            $"govuk-{block}__label");
        if (hasHint)
        {
            WriteHint(b, item.Hint!, itemHintId, $"govuk-{block}__hint");
        }

        b.Close("div");
        if (hasConditional)
        {
            b.StartTag("div")
                .Class($"govuk-{block}__conditional", item.IsChecked ? null : $"govuk-{block}__conditional--hidden")
                .Attr("id", conditionalId)
                .EndTag()
                .Raw(item.ConditionalHtml)
                .Close("div");
        }
    }

    public static IHtmlContent DateInput(DateInputOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var day = options.Day ?? new DateInputItem { Name = "day", Value = LookUp(options.Values, "day"), Classes = "govuk-input--width-2" };
        var month = options.Month ?? new DateInputItem { Name = "month", Value = LookUp(options.Values, "month"), Classes = "govuk-input--width-2" };
        var year = options.Year ?? new DateInputItem { Name = "year", Value = LookUp(options.Values, "year"), Classes = "govuk-input--width-4" };
        var items = (options.Items is { Count: > 0 } ? options.Items : [day, month, year]).Where(i => !i.Omit).ToList();

        // When the date as a whole is in error, every field is marked unless the author has singled some out.
        var anyItemHasError = items.Any(HasErrorClassOrFlag);

        var b = new HtmlBuilder();
        b.StartTag("div")
            .Class("govuk-form-group", options.ErrorMessage is not null ? "govuk-form-group--error" : null, options.FormGroup?.Classes)
            .Attrs(options.FormGroup?.Attributes)
            .EndTag();

        var inner = new HtmlBuilder();
        var describedBy = WriteHintAndError(inner, options.Hint, options.ErrorMessage, options.Id, options.Fieldset?.DescribedBy);
        inner.StartTag("div").Class("govuk-date-input", options.Classes).Attrs(options.Attributes).AttrIf("id", options.Id).EndTag();
        WriteContent(inner, options.FormGroup?.BeforeInputs);
        foreach (var item in items)
        {
            WriteDateInputItem(inner, options, item, day, month, year, anyItemHasError);
        }

        WriteContent(inner, options.FormGroup?.AfterInputs);
        inner.Close("div");

        // role="group" makes JAWS read the fieldset's description for a group of text inputs.
        WriteFieldsetOrContent(b, options.Fieldset, "group", describedBy, inner);
        b.Close("div");
        return b.ToHtml();
    }

    private static bool HasErrorClassOrFlag(DateInputItem item) =>
        item.Error == true || item.Classes?.Contains("govuk-input--error", StringComparison.Ordinal) == true;

    private static string? LookUp(Dictionary<string, string>? values, string key) =>
        values is not null && values.TryGetValue(key, out var value) ? value : null;

    private static void WriteDateInputItem(
        HtmlBuilder b,
        DateInputOptions options,
        DateInputItem item,
        DateInputItem day,
        DateInputItem month,
        DateInputItem year,
        bool anyItemHasError)
    {
        var itemName = item.Name;
        var itemValue = item.Value;
        var itemWidth = 2;

        // Items are recognised as the day, month or year either by being the configured field or by name,
        // so that the year gets its wider input and values can be looked up by field.
        if (IsDateField(item, day, "day"))
        {
            itemName ??= "day";
            itemValue ??= day.Value;
        }
        else if (IsDateField(item, month, "month"))
        {
            itemName ??= "month";
            itemValue ??= month.Value;
        }
        else if (IsDateField(item, year, "year"))
        {
            itemName ??= "year";
            itemValue ??= year.Value;
            itemWidth = 4;
        }

        var classes = item.Classes ?? string.Empty;
        var itemClasses = new List<string>();
        if (!classes.Contains("govuk-input--error", StringComparison.Ordinal)
            && (HasErrorClassOrFlag(item) || (item.Error != false && options.ErrorMessage is not null && !anyItemHasError)))
        {
            itemClasses.Add("govuk-input--error");
        }

        if (!classes.Contains("govuk-input--width-", StringComparison.Ordinal))
        {
            itemClasses.Add("govuk-input--width-" + itemWidth.ToString(CultureInfo.InvariantCulture));
        }

        itemClasses.Add(classes);

        var namePrefix = HtmlBuilder.Has(options.NamePrefix) ? options.NamePrefix + "-" : string.Empty;
        var name = namePrefix + itemName;

        b.StartTag("div").Class("govuk-date-input__item").EndTag();
        WriteInput(b, new InputOptions
        {
            Label = new LabelOptions
            {
                Text = HtmlBuilder.Has(item.Label) ? item.Label : Capitalise(itemName),
                Classes = "govuk-date-input__label",
            },
            Id = HtmlBuilder.Has(item.Id) ? item.Id : options.Id + "-" + itemName,
            Classes = HtmlBuilder.Classes(["govuk-date-input__input", .. itemClasses]),
            Name = name,
            Value = itemValue ?? LookUp(options.Values, name),
            Type = "text",
            Inputmode = HtmlBuilder.Has(item.Inputmode) ? item.Inputmode : "numeric",
            Autocomplete = item.Autocomplete,
            Pattern = item.Pattern,
            Attributes = item.Attributes,
        });
        b.Close("div");
    }

    private static bool IsDateField(DateInputItem item, DateInputItem field, string defaultName) =>
        (ReferenceEquals(item, field) && !field.Omit)
        || (HtmlBuilder.Has(item.Name) && (item.Name == defaultName || (!field.Omit && item.Name == field.Name)));

    /// <summary>Nunjucks' <c>capitalize</c>: first letter upper case, the rest lower case.</summary>
    private static string Capitalise(string? value) =>
        string.IsNullOrEmpty(value)
            ? string.Empty
            : char.ToUpperInvariant(value[0]) + value[1..].ToLowerInvariant();

    public static IHtmlContent FileUpload(FileUploadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var b = new HtmlBuilder();
        var id = HtmlBuilder.Has(options.Id) ? options.Id : options.Name;
        var describedBy = WriteFormGroupStart(
            b, options.FormGroup, options.Label, options.Hint, options.ErrorMessage, id, options.DescribedBy);
        if (options.FormGroup?.BeforeInput is { } beforeInput)
        {
            WriteContent(b, beforeInput);
        }

        if (options.Javascript)
        {
            b.StartTag("div").Class("govuk-file-upload-wrapper", options.WrapperClasses).Attr("data-module", "govuk-file-upload");
            WriteI18nAttribute(b, "choose-files-button", options.ChooseFilesButtonText);
            WriteI18nAttribute(b, "no-file-chosen", options.NoFileChosenText);
            WriteI18nAttributes(b, "multiple-files-chosen", options.MultipleFilesChosenText);
            WriteI18nAttribute(b, "drop-instruction", options.DropInstructionText);
            WriteI18nAttribute(b, "entered-drop-zone", options.EnteredDropZoneText);
            WriteI18nAttribute(b, "left-drop-zone", options.LeftDropZoneText);
            b.Attrs(options.WrapperAttributes).EndTag();
        }

        b.StartTag("input")
            .Class("govuk-file-upload", options.Classes, options.ErrorMessage is not null ? "govuk-file-upload--error" : null)
            .Attr("id", id)
            .Attr("name", options.Name)
            .Attr("type", "file")
            .Flag("disabled", options.Disabled)
            .Flag("multiple", options.Multiple)
            .AttrIf("aria-describedby", describedBy)
            .Attrs(options.Attributes)
            .EndTag();
        if (options.Javascript)
        {
            b.Close("div");
        }

        if (options.FormGroup?.AfterInput is { } afterInput)
        {
            WriteContent(b, afterInput);
        }

        b.Close("div");
        return b.ToHtml();
    }

    // Translations for GOV.UK Frontend's JavaScript travel as data-i18n.* attributes.
    private static void WriteI18nAttribute(HtmlBuilder b, string key, string? message) =>
        b.AttrIf("data-i18n." + key, message);

    private static void WriteI18nAttributes(HtmlBuilder b, string key, IReadOnlyDictionary<string, string>? messages)
    {
        foreach (var (pluralRule, message) in messages ?? new Dictionary<string, string>())
        {
            b.Attr($"data-i18n.{key}.{pluralRule}", message);
        }
    }

    public static IHtmlContent CharacterCount(CharacterCountOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var id = HtmlBuilder.Has(options.Id) ? options.Id : options.Name;
        var countType = HtmlBuilder.Has(options.CountType) ? options.CountType : options.Maxwords is > 0 ? "words" : null;
        var limit = options.Maxwords is > 0 ? options.Maxwords : options.Maxlength is > 0 ? options.Maxlength : null;
        var description = HtmlBuilder.Has(options.TextareaDescriptionText)
            ? options.TextareaDescriptionText!
            : "You can enter up to %{count} " + (countType == "words" ? "words" : "characters");

        // Without a limit in the markup the message can only be written by JavaScript once it knows the limit.
        var countMessage = new HtmlBuilder();
        WriteHint(
            countMessage,
            new HintOptions { Text = limit is null ? null : description.Replace("%{count}", limit.Value.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal) },
            id + "-info",
            HtmlBuilder.Classes("govuk-character-count__message", options.CountMessage?.Classes));
        WriteContent(countMessage, options.FormGroup?.AfterInput);

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal) { ["data-module"] = "govuk-character-count" };
        AddIfSet(attributes, "data-maxlength", options.Maxlength);
        AddIfSet(attributes, "data-maxwords", options.Maxwords);
        AddIfSet(attributes, "data-threshold", options.Threshold);
        if (HtmlBuilder.Has(countType))
        {
            attributes["data-count-type"] = countType!;
        }

        if (limit is null && HtmlBuilder.Has(options.TextareaDescriptionText))
        {
            attributes["data-i18n.textarea-description.other"] = options.TextareaDescriptionText!;
        }

        AddI18n(attributes, "characters-under-limit", options.CharactersUnderLimitText);
        AddI18n(attributes, "characters-at-limit", options.CharactersAtLimitText);
        AddI18n(attributes, "characters-over-limit", options.CharactersOverLimitText);
        AddI18n(attributes, "words-under-limit", options.WordsUnderLimitText);
        AddI18n(attributes, "words-at-limit", options.WordsAtLimitText);
        AddI18n(attributes, "words-over-limit", options.WordsOverLimitText);
        foreach (var (name, value) in options.FormGroup?.Attributes ?? [])
        {
            attributes[name] = value;
        }

        var b = new HtmlBuilder();
        WriteTextarea(b, new TextareaOptions
        {
            Id = id,
            Name = options.Name,
            DescribedBy = id + "-info",
            Rows = options.Rows,
            Spellcheck = options.Spellcheck,
            Value = options.Value,
            FormGroup = new FormGroupOptions
            {
                Classes = HtmlBuilder.Classes("govuk-character-count", options.FormGroup?.Classes),
                Attributes = attributes,
                BeforeInput = options.FormGroup?.BeforeInput,
                AfterInput = new ContentOptions { Html = countMessage.ToString() },
            },
            Classes = HtmlBuilder.Classes("govuk-js-character-count", options.Classes),
            Label = options.Label,
            Hint = options.Hint,
            ErrorMessage = options.ErrorMessage,
            Attributes = options.Attributes,
        });
        return b.ToHtml();
    }

    private static void AddIfSet(Dictionary<string, string> attributes, string name, int? value)
    {
        if (value is not null)
        {
            attributes[name] = value.Value.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static void AddI18n(Dictionary<string, string> attributes, string key, string? message)
    {
        if (HtmlBuilder.Has(message))
        {
            attributes["data-i18n." + key] = message!;
        }
    }

    private static void AddI18n(Dictionary<string, string> attributes, string key, Dictionary<string, string>? messages)
    {
        foreach (var (pluralRule, message) in messages ?? [])
        {
            attributes[$"data-i18n.{key}.{pluralRule}"] = message;
        }
    }
}
