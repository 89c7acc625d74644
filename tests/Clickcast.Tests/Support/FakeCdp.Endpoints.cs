using System.Text.Json;

namespace Clickcast.Tests.Support;

public sealed partial class FakeCdp
{
    /// <summary>Routes an accepted (not failed-on-purpose) request; returns the status to answer.</summary>
    private int Handle(FakeCdpRequest request)
    {
        if (request is { Method: "POST", Path: WebhookPath })
        {
            return HandleWebhook(request);
        }

        if (request.Method == "PUT" && request.Path.StartsWith(FileManagerPath + "/", StringComparison.Ordinal))
        {
            return HandleUpload(request, request.Path[(FileManagerPath.Length + 1)..]);
        }

        var segments = request.Path.Trim('/').Split('/');
        if (request.Method == "POST" && segments is ["integration-manager", "v1", "adapters", var adapter, "instances", var instance, "inputs"])
        {
            return HandleJoinInput(request, adapter, instance);
        }

        return Reject($"{request.Method} {request.Path}: no such endpoint", 404);
    }

    private int HandleWebhook(FakeCdpRequest request)
    {
        if (!request.Headers.TryGetValue("Idempotency-Key", out var key) || key.Length == 0)
        {
            return Reject("webhook: no Idempotency-Key", 400);
        }

        if (!request.Headers.TryGetValue("Content-Type", out var type) || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Reject("webhook: not JSON", 415);
        }

        if (!SignatureIsValid(request.Headers.GetValueOrDefault(SignatureHeader), request.Body, out var problem))
        {
            return Reject("webhook: " + problem, 401);
        }

        JsonElement body;
        try
        {
            body = JsonDocument.Parse(request.Body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Reject("webhook: body is not JSON", 400);
        }

        if (body.GetProperty("batch_id").GetString() != key)
        {
            return Reject("webhook: batch_id differs from Idempotency-Key", 400);
        }

        lock (_gate)
        {
            _webhookReceipts[key] = _webhookReceipts.GetValueOrDefault(key) + 1;
            _webhookBatches.TryAdd(key, body);
        }

        return 200;
    }

    private int HandleUpload(FakeCdpRequest request, string name)
    {
        if (!Authorized(request, out var problem))
        {
            return Reject("upload: " + problem, 401);
        }

        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal))
        {
            return Reject("upload: bad file name", 400);
        }

        lock (_gate)
        {
            _fileUploads[name] = _fileUploads.GetValueOrDefault(name) + 1;
            _files[name] = request.Body;
        }

        return 201;
    }

    private int HandleJoinInput(FakeCdpRequest request, string adapter, string instanceText)
    {
        if (!Authorized(request, out var problem))
        {
            return Reject("input: " + problem, 401);
        }

        if (!long.TryParse(instanceText, System.Globalization.CultureInfo.InvariantCulture, out var instance))
        {
            return Reject("input: instance is not a number", 400);
        }

        FakeJoinInput input;
        try
        {
            var body = JsonDocument.Parse(request.Body).RootElement;
            input = new FakeJoinInput(adapter, instance, body.GetProperty("value").GetString()!, body.GetProperty("source").GetString()!, body.GetProperty("adapterInstanceId").GetInt64());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Reject("input: body is not {value, source, adapterInstanceId}", 400);
        }

        if (input.AdapterInstanceId != instance)
        {
            return Reject("input: adapterInstanceId differs from the path", 400);
        }

        bool uploaded;
        lock (_gate)
        {
            uploaded = _files.ContainsKey(input.Source);
            if (uploaded)
            {
                _joinInputReceipts[input.Source] = _joinInputReceipts.GetValueOrDefault(input.Source) + 1;
                _joinInputs.TryAdd(input.Source, input);
            }
        }

        return uploaded ? 201 : Reject($"input: source {input.Source} was never uploaded", 422);
    }

    private bool Authorized(FakeCdpRequest request, out string problem)
    {
        problem = string.Empty;
        if (request.Headers.GetValueOrDefault("Authorization") != "Bearer " + JoinToken)
        {
            problem = "bad or missing bearer token";
            return false;
        }

        if (request.Headers.GetValueOrDefault("x-dmpkit-onbehalf-of") != OnBehalfOf)
        {
            problem = "bad or missing x-dmpkit-onbehalf-of";
            return false;
        }

        return true;
    }
}
