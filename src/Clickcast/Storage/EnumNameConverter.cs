using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clickcast.Storage;

/// <summary>
/// An enum as its name, read case-insensitively; a value that is not a name is an error that quotes it and lists
/// the names (a typo in a definition or request says what was meant).
/// </summary>
/// <typeparam name="T">The enum.</typeparam>
public sealed class EnumNameConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number) && Enum.IsDefined(typeof(T), number))
        {
            return (T)Enum.ToObject(typeof(T), number);
        }

        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text is not null ? Parse(text) : throw new JsonException($"{reader.TokenType} is not one of {string.Join(", ", Enum.GetNames<T>())}.");
    }

    /// <inheritdoc />
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Parse(reader.GetString() ?? string.Empty);

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.ToString());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Enum.IsDefined(value))
        {
            writer.WriteStringValue(value.ToString());
        }
        else
        {
            writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static T Parse(string text) =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : throw new JsonException($"'{text}' is not one of {string.Join(", ", Enum.GetNames<T>())}.");
}
