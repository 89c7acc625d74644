using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clickcast.Storage;

/// <summary>Reads <see cref="Duration"/>s in JSON (<c>"7d"</c> as well as <c>"7.00:00:00"</c>); writes <c>d.hh:mm:ss</c>.</summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    /// <inheritdoc />
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected {Duration.Expected}, as a string; got {reader.TokenType}.");
        }

        var text = reader.GetString();
        return Duration.TryParse(text, out var value) ? value : throw new JsonException($"'{text}' is not {Duration.Expected}.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(Duration.Format(value));
    }
}
