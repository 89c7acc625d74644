using System.Text.Json;

namespace Clickcast.Server.Notifications;

/// <summary>
/// Reads S3 bucket notifications: the S3 event format of AWS and MinIO (<c>{"Records": [{"eventName":
/// "ObjectCreated:Put", "s3": {"bucket": {"name"}, "object": {"key"}}}]}</c>, keys URL-encoded) and Yandex Object
/// Storage trigger messages (<c>{"messages": [{"event_metadata": {"event_type": "…ObjectCreate"}, "details":
/// {"bucket_id", "object_id"}}]}</c>).
/// </summary>
internal static class BucketEvents
{
    /// <summary>(bucket, key, created) per record; null when the document is neither format.</summary>
    public static IReadOnlyList<(string? Bucket, string Key, bool Created)>? Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var result = new List<(string?, string, bool)>();
        if (root.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array)
        {
            foreach (var record in records.EnumerateArray())
            {
                var name = Text(record, "eventName") ?? string.Empty;
                if (!record.TryGetProperty("s3", out var s3) || Text(s3, "object", "key") is not { } encoded)
                {
                    return null;
                }

                // S3 event keys are URL-encoded with '+' for spaces.
                var key = Uri.UnescapeDataString(encoded.Replace('+', ' '));
                result.Add((Text(s3, "bucket", "name"), key, name.Contains("ObjectCreated", StringComparison.Ordinal)));
            }

            return result;
        }

        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (!message.TryGetProperty("details", out var details) || Text(details, "object_id") is not { } key)
                {
                    return null;
                }

                var type = Text(message, "event_metadata", "event_type") ?? string.Empty;
                result.Add((Text(details, "bucket_id"), key, type.EndsWith("ObjectCreate", StringComparison.Ordinal)));
            }

            return result;
        }

        return null;
    }

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }

        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
