using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Clickcast.Export;

/// <summary>
/// Delivers a batch the way CleverData Join loads files: <c>PUT</c> the batch as CSV to the file manager under a
/// name derived from the batch id, then <c>POST</c> an adapter-instance input naming that file as its
/// <c>source</c>. The file name is the idempotency key: a resend overwrites the same file and names the same
/// source, which the CDP recognises.
/// </summary>
internal sealed class JoinSender : IBatchSender
{
    private const string OnBehalfOfHeader = "x-dmpkit-onbehalf-of";

    private readonly HttpClient _client;
    private readonly JoinOptions _options;
    private readonly bool _escapeFormulas;

    public JoinSender(HttpClient client, JoinOptions options, bool escapeFormulas)
    {
        _client = client;
        _options = options;
        _escapeFormulas = escapeFormulas;
    }

    /// <summary>The name a batch's file gets in the file manager: <c>clickcast-{batch id}.csv</c>.</summary>
    public static string FileName(ExportBatch batch) => "clickcast-" + batch.BatchId + ".csv";

    public async Task SendAsync(ExportBatch batch, CancellationToken cancellationToken)
    {
        var fileName = FileName(batch);
        using (var upload = Request(HttpMethod.Put, _options.ResolvedFileManagerUrl + "/" + Uri.EscapeDataString(fileName), batch))
        {
            upload.Content = new ByteArrayContent(PredictionCsv.ToBytes(batch.Rows, _escapeFormulas));
            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
            using var response = await _client.SendAsync(upload, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            ExportDeliveryException.ThrowUnlessAccepted(response, "The Join file manager");
        }

        var inputsUrl = string.Create(
            CultureInfo.InvariantCulture,
            $"{_options.BaseUrl.TrimEnd('/')}/integration-manager/v1/adapters/{Uri.EscapeDataString(_options.Adapter)}/instances/{_options.Instance}/inputs");
        using (var input = Request(HttpMethod.Post, inputsUrl, batch))
        {
            input.Content = new ByteArrayContent(InputBody(batch.Attribute, fileName, _options.Instance));
            input.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var response = await _client.SendAsync(input, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            ExportDeliveryException.ThrowUnlessAccepted(response, "The Join integration manager");
        }
    }

    /// <summary><c>{"value": attribute, "source": file name, "adapterInstanceId": instance}</c></summary>
    public static byte[] InputBody(string attribute, string fileName, long instance)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("value", attribute);
            writer.WriteString("source", fileName);
            writer.WriteNumber("adapterInstanceId", instance);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private HttpRequestMessage Request(HttpMethod method, string url, ExportBatch batch)
    {
        // Options are validated at save and before each export; this guards a caller that skipped both.
        if (!HeaderValueAttribute.IsValid(_options.Token) || !HeaderValueAttribute.IsValid(_options.OnBehalfOf))
        {
            throw new ExportDeliveryException("The Join token or onBehalfOf is not a valid HTTP header value (control characters are refused)");
        }

        var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.Token);
        // The validating API: a value with CR or LF throws instead of splitting the request (the options refuse it first).
        request.Headers.Add(OnBehalfOfHeader, _options.OnBehalfOf);
        request.Headers.Add("Idempotency-Key", batch.BatchId);
        return request;
    }
}
