namespace Clickcast.Storage;

/// <summary>Rules for object keys, shared by every store so that a key valid on one is valid on all.</summary>
public static class ObjectKey
{
    /// <summary>Longest key accepted: S3's limit is 1,024 UTF-8 bytes; staying under it in chars keeps both stores equal.</summary>
    public const int MaxLength = 1024;

    /// <summary>Throws when <paramref name="key"/> is not a valid object key.</summary>
    /// <exception cref="ArgumentException">The key is empty, absolute, too long, or has empty, '.' or '..' segments.</exception>
    public static void Validate(string key, string paramName = "key")
    {
        ArgumentException.ThrowIfNullOrEmpty(key, paramName);
        if (!IsValid(key))
        {
            throw new ArgumentException(
                $"'{key}' is not a valid object key: use '/'-separated relative segments without '.', '..', '\\' or control characters, at most {MaxLength} characters.",
                paramName);
        }
    }

    /// <summary>True when <paramref name="key"/> may name an object.</summary>
    public static bool IsValid(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength || key[0] == '/' || key[^1] == '/')
        {
            return false;
        }

        foreach (var c in key)
        {
            if (c == '\\' || char.IsControl(c))
            {
                return false;
            }
        }

        foreach (var range in key.AsSpan().Split('/'))
        {
            var segment = key.AsSpan(range);
            if (segment.IsEmpty || segment is "." or "..")
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Joins segments with '/', trimming stray separators between them.</summary>
    public static string Combine(params ReadOnlySpan<string> segments)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var segment in segments)
        {
            var trimmed = segment.Trim('/');
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append('/');
            }

            builder.Append(trimmed);
        }

        return builder.ToString();
    }
}
