using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Clickcast.Export;

/// <summary>
/// POSTs a batch as JSON to the destination's URL with an <c>Idempotency-Key</c> (the batch id) and a signature
/// (added per attempt by <see cref="WebhookSigningHandler"/>). The body is a function of the batch alone, so every
/// resend is byte-identical.
/// </summary>
internal sealed class WebhookSender : IBatchSender
{
    private readonly HttpClient _client;
    private readonly WebhookOptions _options;

    public WebhookSender(HttpClient client, WebhookOptions options)
    {
        _client = client;
        _options = options;
    }

    public async Task SendAsync(ExportBatch batch, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.Url) { Content = new ByteArrayContent(Body(batch)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("Idempotency-Key", batch.BatchId);
        request.Options.Set(WebhookSigningHandler.Secret, _options.Secret);
        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        ExportDeliveryException.ThrowUnlessAccepted(response, "The webhook");
    }

    /// <summary>The JSON body of a batch (see docs/export.md).</summary>
    public static byte[] Body(ExportBatch batch)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (batch.Rows.Count * 192));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("batch_id", batch.BatchId);
            writer.WriteString("tenant", batch.Scope.Tenant);
            writer.WriteString("task", batch.Scope.Task);
            writer.WriteString("attribute", batch.Attribute);
            writer.WriteString("predictions_file", batch.Scope.PredictionsFileId);
            writer.WriteString("destination", batch.Scope.Destination);
            writer.WriteNumber("batch_index", batch.Index);
            writer.WriteNumber("batch_count", batch.Count);
            writer.WriteNumber("first_row", batch.FirstRow);
            writer.WriteNumber("row_count", batch.Rows.Count);
            writer.WriteStartArray("rows");
            foreach (var row in batch.Rows)
            {
                PredictionJson.WriteRow(writer, row, withScope: false);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
