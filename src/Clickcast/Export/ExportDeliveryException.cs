using System.Globalization;

namespace Clickcast.Export;

/// <summary>A destination answered, but did not accept a batch.</summary>
internal sealed class ExportDeliveryException : Exception
{
    public ExportDeliveryException(string message)
        : base(message)
    {
    }

    public ExportDeliveryException()
    {
    }

    public ExportDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Throws unless <paramref name="response"/> is a 2xx. The body is not quoted: a receiver may echo headers.</summary>
    public static void ThrowUnlessAccepted(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ExportDeliveryException(string.Create(
                CultureInfo.InvariantCulture,
                $"{what} answered {(int)response.StatusCode} {response.ReasonPhrase}"));
        }
    }
}
