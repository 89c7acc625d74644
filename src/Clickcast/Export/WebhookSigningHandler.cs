namespace Clickcast.Export;

/// <summary>
/// Signs each attempt of a webhook request afresh, inside the resilience handler, so a retry minutes later still
/// carries a current timestamp. Requests without a secret in <see cref="Secret"/> pass unsigned.
/// </summary>
internal sealed class WebhookSigningHandler : DelegatingHandler
{
    /// <summary>Where the sender puts the destination's secret: request options are never logged or sent.</summary>
    public static readonly HttpRequestOptionsKey<string> Secret = new("Clickcast.Export.WebhookSecret");

    private readonly TimeProvider _time;

    public WebhookSigningHandler(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Options.TryGetValue(Secret, out var secret) && request.Content is not null)
        {
            var body = await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            request.Headers.Remove(WebhookSignature.HeaderName);
            request.Headers.TryAddWithoutValidation(WebhookSignature.HeaderName, WebhookSignature.Create(secret, _time.GetUtcNow(), body));
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
