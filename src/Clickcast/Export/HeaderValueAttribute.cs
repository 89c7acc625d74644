using System.ComponentModel.DataAnnotations;

namespace Clickcast.Export;

/// <summary>
/// A value sent as an HTTP header: printable ASCII and spaces only. A control character — CR or LF above all — would
/// end the header and let whoever sets the value write further headers or a whole second request.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HeaderValueAttribute : ValidationAttribute
{
    /// <summary>Whether <paramref name="value"/> can be sent as a header value as it is.</summary>
    public static bool IsValid(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is not string text || IsValid(text)
            ? ValidationResult.Success
            : new ValidationResult(
                $"The {validationContext.DisplayName} field is sent as an HTTP header: use printable ASCII only (no control characters such as CR or LF).",
                validationContext.MemberName is { } member ? [member] : null);
    }
}
