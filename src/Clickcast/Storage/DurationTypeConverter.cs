using System.ComponentModel;
using System.Globalization;

namespace Clickcast.Storage;

/// <summary>
/// Lets configuration binding read <see cref="Duration"/>s (<c>Jobs:RetryInterval=20s</c>): the binder converts
/// strings through the type's <see cref="TypeConverter"/>, so <see cref="Register"/> puts this one on
/// <see cref="TimeSpan"/> for the process. It accepts everything TimeSpan's own converter does.
/// </summary>
public sealed class DurationTypeConverter : TimeSpanConverter
{
    private static int _registered;

    /// <summary>Makes every <see cref="TimeSpan"/> setting accept durations (once per process; later calls do nothing).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            TypeDescriptor.AddAttributes(typeof(TimeSpan), new TypeConverterAttribute(typeof(DurationTypeConverter)));
        }
    }

    /// <inheritdoc />
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? Duration.Parse(text) : base.ConvertFrom(context, culture, value);
}
