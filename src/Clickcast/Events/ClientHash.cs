using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace Clickcast.Events;

/// <summary>
/// The stable 64-bit hash of a client id: XxHash64 (seed 0) of its UTF-8 bytes. It orders sequence segments and,
/// later, assigns clients to train/validation/test splits, so it must never change; any language can reproduce it.
/// </summary>
public static class ClientHash
{
    /// <summary>Hashes <paramref name="clientId"/>.</summary>
    public static ulong Of(string clientId)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        return Of(clientId.AsSpan());
    }

    /// <summary>Hashes a client id given as characters.</summary>
    public static ulong Of(ReadOnlySpan<char> clientId)
    {
        var max = Encoding.UTF8.GetMaxByteCount(clientId.Length);
        if (max <= 512)
        {
            Span<byte> buffer = stackalloc byte[max];
            var length = Encoding.UTF8.GetBytes(clientId, buffer);
            return XxHash64.HashToUInt64(buffer[..length]);
        }

        var rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            var length = Encoding.UTF8.GetBytes(clientId, rented);
            return XxHash64.HashToUInt64(rented.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
