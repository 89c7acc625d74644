namespace Clickcast.Storage;

/// <summary>Rules for object keys, shared by every store so that a key valid on one is valid on all.</summary>
public static class ObjectKey
{
    /// <summary>Longest key accepted: S3's limit is 1,024 UTF-8 bytes; staying under it in chars keeps both stores equal.</summary>
    public const int MaxLength = 1024;

    /// <summary>Throws when <paramref name="key"/> is not a valid object key.</summary>
    /// <exception cref="ArgumentException">The key is empty, absolute, too long, or has empty, '.' or '..' segments, or a segment over 255 UTF-8 bytes.</exception>
    public static void Validate(string key, string paramName = "key")
    {
        ArgumentException.ThrowIfNullOrEmpty(key, paramName);
        if (!IsValid(key))
        {
            throw new ArgumentException(
                $"'{key}' is not a valid object key ({Problem(key)}): use '/'-separated relative segments without '.', '..', '\\' or control characters, at most {MaxLength} characters and {MaxSegmentBytes} UTF-8 bytes a segment.",
                paramName);
        }
    }

    /// <summary>
    /// Longest segment accepted, in UTF-8 bytes: the file-name limit of Linux file systems (NAME_MAX), so a key the
    /// local store cannot write is refused on every store.
    /// </summary>
    public const int MaxSegmentBytes = 255;

    /// <summary>True when <paramref name="key"/> may name an object.</summary>
    public static bool IsValid(string key) => Problem(key) is null;

    /// <summary>Why <paramref name="key"/> cannot name an object, in words; null when it can.</summary>
    public static string? Problem(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "the name is empty";
        }

        if (key.Length > MaxLength)
        {
            return $"the name has {key.Length} characters; at most {MaxLength} are allowed";
        }

        if (key[0] == '/' || key[^1] == '/')
        {
            return "the name starts or ends with '/'";
        }

        foreach (var c in key)
        {
            if (c == '\\' || char.IsControl(c))
            {
                return "the name has a '\\' or a control character";
            }
        }

        foreach (var range in key.AsSpan().Split('/'))
        {
            var segment = key.AsSpan(range);
            if (segment.IsEmpty || segment is "." or "..")
            {
                return "the name has an empty, '.' or '..' segment";
            }

            if (System.Text.Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
            {
                return $"the segment '{segment[..16]}…' has {System.Text.Encoding.UTF8.GetByteCount(segment)} UTF-8 bytes; at most {MaxSegmentBytes} are allowed";
            }
        }

        return null;
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
