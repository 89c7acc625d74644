using System.Globalization;
using Clickcast.Events;

namespace Clickcast.Tests.Events;

/// <summary>Idle encoders hold a bounded amount of memory, however large the row groups written before.</summary>
public sealed class EventPageEncoderPoolTests
{
    [Fact]
    public void Return_MoreEncodersThanMaxIdle_KeepsMaxIdle()
    {
        var pool = new EventPageEncoderPool(maxIdle: 2);
        var rented = new[] { pool.Rent(), pool.Rent(), pool.Rent() };
        foreach (var encoder in rented)
        {
            pool.Return(encoder);
        }

        Assert.Equal(2, pool.IdleCount);
    }

    [Fact]
    public void Rent_AfterAReturn_ReusesTheIdleEncoder()
    {
        var pool = new EventPageEncoderPool(maxIdle: 1);
        var encoder = pool.Rent();
        pool.Return(encoder);

        Assert.Same(encoder, pool.Rent());
        Assert.Equal(0, pool.IdleCount);
    }

    [Theory]
    [InlineData(600_000, 8)]
    [InlineData(100, 200_000)]
    public void Return_AfterALargeRowGroup_LetsGoOfWhatGrewPastTheKeptSize(int distinct, int length)
    {
        // Many distinct values grow the maps, long ones the page buffers: either way past what an idle encoder keeps.
        var pool = new EventPageEncoderPool(maxIdle: 1);
        var encoder = pool.Rent();
        var values = Enumerable.Range(0, distinct).Select(i => i.ToString(CultureInfo.InvariantCulture).PadLeft(length, 'x')).ToArray();
        var rows = Enumerable.Range(0, values.Length).ToArray();
        long position = 0;
        encoder.WriteStrings(Stream.Null, ref position, values, rows, sharedInstances: true);
        Assert.True(encoder.RetainedBytes > EventPageEncoder.MaxIdleBytes, $"{encoder.RetainedBytes} bytes");

        pool.Return(encoder);

        Assert.Same(encoder, pool.Rent());
        Assert.True(encoder.RetainedBytes <= EventPageEncoder.MaxIdleBytes, $"{encoder.RetainedBytes} bytes");
    }

    [Fact]
    public void Return_AfterARowGroupWithinTheKeptSize_KeepsItsBuffers()
    {
        var pool = new EventPageEncoderPool(maxIdle: 1);
        var encoder = pool.Rent();
        var values = Enumerable.Range(0, 16_384).Select(i => "client-" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        long position = 0;
        encoder.WriteStrings(Stream.Null, ref position, values, Enumerable.Range(0, values.Length).ToArray(), sharedInstances: false);
        var retained = encoder.RetainedBytes;

        pool.Return(encoder);

        Assert.Equal(retained, encoder.RetainedBytes);
    }
}
