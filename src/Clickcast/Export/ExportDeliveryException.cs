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

    /// <summary>
    /// Throws unless <paramref name="response"/> is a 2xx; a 3xx is a failure too (redirects are not followed). Neither
    /// the body nor the reason phrase is quoted: a receiver may echo headers, and tenants see this message.
    /// </summary>
    public static void ThrowUnlessAccepted(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new ExportDeliveryException(string.Create(
                CultureInfo.InvariantCulture,
                $"{what} answered HTTP {(int)response.StatusCode}"));
        }
    }
}
