using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Observatory.Rendering.Components.GovUk;

// The options classes can be read from the JSON that GOV.UK Frontend's own fixtures and examples use
// (camelCase, loosely typed: numbers where we take strings, `false` in place of a missing item).
// These converters are attached to individual properties so that a plain
// `new JsonSerializerOptions { PropertyNameCaseInsensitive = true }` is enough; nothing needs registering.

/// <summary>Reads a string that may have been written as a number or boolean, as Nunjucks prints them.</summary>
public sealed class LooseStringJsonConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonValues.ReadLooseString(ref reader);

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}

/// <summary>
/// Reads trusted HTML where the fixtures sometimes pass <c>false</c> to mean "none"; printing "false" would be wrong.
/// </summary>
public sealed class FalsyHtmlJsonConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (JsonValues.IsFalsy(ref reader))
        {
            reader.Skip();
            return null;
        }

        return JsonValues.ReadLooseString(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}

/// <summary>
/// Reads the macros' <c>attributes</c> objects. Values may be strings, numbers, booleans or
/// <c>{ value, optional }</c> objects: an optional attribute whose value is null or false is left out,
/// and an optional <c>true</c> becomes a boolean attribute (an empty value, which HTML treats identically).
/// </summary>
public sealed class AttributesJsonConverter : JsonConverter<Dictionary<string, string>?>
{
    public override bool HandleNull => true;

    public override Dictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("GOV.UK attributes must be a JSON object.");
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var (value, optional) = ReadOptionalValue(ref reader);
                if (!optional)
                {
                    attributes[name] = value ?? string.Empty;
                }
                else if (value == "true")
                {
                    attributes[name] = string.Empty;
                }
                else if (value is not null && value != "false")
                {
                    attributes[name] = value;
                }
            }
            else
            {
                // Nunjucks prints a null non-optional value as an empty attribute.
                attributes[name] = JsonValues.ReadLooseString(ref reader) ?? string.Empty;
            }
        }

        return attributes;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, string>? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        foreach (var (name, attributeValue) in value)
        {
            writer.WriteString(name, attributeValue);
        }

        writer.WriteEndObject();
    }

    private static (string? Value, bool Optional) ReadOptionalValue(ref Utf8JsonReader reader)
    {
        string? value = null;
        var optional = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            if (string.Equals(property, "value", StringComparison.OrdinalIgnoreCase))
            {
                value = JsonValues.ReadLooseString(ref reader);
            }
            else if (string.Equals(property, "optional", StringComparison.OrdinalIgnoreCase))
            {
                optional = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                reader.Skip();
            }
        }

        return (value, optional);
    }
}

/// <summary>Reads a string map whose values may be numbers (date input values, pluralised messages).</summary>
public sealed class LooseStringMapJsonConverter : JsonConverter<Dictionary<string, string>?>
{
    public override bool HandleNull => true;

    public override Dictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected a JSON object.");
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            var value = JsonValues.ReadLooseString(ref reader);
            if (value is not null)
            {
                map[name] = value;
            }
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, string>? value, JsonSerializerOptions options) =>
        new AttributesJsonConverter().Write(writer, value, options);
}

/// <summary>
/// Reads a list whose entries may be <c>null</c>, <c>false</c>, <c>""</c> or <c>0</c>: the templates skip those
/// (<c>{% if item %}</c>) while still counting them, so they are kept as null entries to preserve positions
/// (radios and checkboxes number their ids by position).
/// </summary>
public sealed class FalsyItemsJsonConverter<T> : JsonConverter<IReadOnlyList<T?>?>
    where T : class
{
    public override bool HandleNull => true;

    public override IReadOnlyList<T?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("Expected a JSON array.");
        }

        var items = new List<T?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (JsonValues.IsFalsy(ref reader))
            {
                reader.Skip();
                items.Add(null);
            }
            else
            {
                items.Add(JsonSerializer.Deserialize<T>(ref reader, options));
            }
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T?>? value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value?.ToList(), options);
}

/// <summary>
/// Reads the date input's <c>day</c>, <c>month</c> and <c>year</c>, where <c>false</c> means "leave this field out".
/// </summary>
public sealed class DateInputFieldJsonConverter : JsonConverter<DateInputItem?>
{
    public override bool HandleNull => true;

    public override DateInputItem? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.False => new DateInputItem { Omit = true },
            _ => JsonSerializer.Deserialize<DateInputItem>(ref reader, options),
        };

    public override void Write(Utf8JsonWriter writer, DateInputItem? value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}

/// <summary>Reads the service navigation's end slot, which may be plain HTML or <c>{ html, align }</c>.</summary>
public sealed class ServiceNavigationEndSlotJsonConverter : JsonConverter<ServiceNavigationEndSlot?>
{
    public override bool HandleNull => true;

    public override ServiceNavigationEndSlot? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => new ServiceNavigationEndSlot { Html = reader.GetString() },
            _ => JsonSerializer.Deserialize<ServiceNavigationEndSlot>(ref reader, options),
        };

    public override void Write(Utf8JsonWriter writer, ServiceNavigationEndSlot? value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}

internal static class JsonValues
{
    /// <summary>JavaScript falsiness for a single token; objects and arrays are always truthy.</summary>
    public static bool IsFalsy(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.Null or JsonTokenType.False => true,
            JsonTokenType.String => reader.ValueSpan.Length == 0 && !reader.ValueIsEscaped,
            JsonTokenType.Number => reader.TryGetDouble(out var number) && number == 0,
            _ => false,
        };

    public static string? ReadLooseString(ref Utf8JsonReader reader) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            // Print whole numbers without a decimal point, as JavaScript (and so Nunjucks) does.
            JsonTokenType.Number => reader.TryGetInt64(out var whole)
                ? whole.ToString(CultureInfo.InvariantCulture)
                : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
            _ => throw new JsonException($"Expected a string, number or boolean but found {reader.TokenType}."),
        };
}
