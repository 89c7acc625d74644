using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clickcast.Storage;

/// <summary>
/// <see cref="EnumNameConverter{T}"/> for every enum but <see cref="FlagsAttribute"/> ones (those stay with
/// <see cref="JsonStringEnumConverter"/>, which reads and writes <c>"Csv, Parquet"</c>).
/// </summary>
public sealed class EnumNameConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsEnum && !typeToConvert.IsDefined(typeof(FlagsAttribute), inherit: false);
    }

    /// <inheritdoc />
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter?)Activator.CreateInstance(typeof(EnumNameConverter<>).MakeGenericType(typeToConvert));
}
