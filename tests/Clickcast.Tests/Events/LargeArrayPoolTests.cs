using Clickcast.Events;
using Clickcast.Ingestion.Sources.Avro;
using Clickcast.Tests.Ingestion.Sources.Avro;

namespace Clickcast.Tests.Events;

/// <summary>
/// What a source file's buffers give back serves the next file on any thread: an ingest's files continue on whichever
/// pool thread their awaits resume on. Run alone, so that no other test takes the arrays in between.
/// </summary>
[Collection(nameof(LargeArrayPoolTests))]
[CollectionDefinition(nameof(LargeArrayPoolTests), DisableParallelization = true)]
public sealed class LargeArrayPoolTests
{
    [Fact]
    public void PooledEventBuffer_DisposedOnOneThread_ItsArraysServeTheNextBufferOnAnother()
    {
        const int Capacity = 1 << 17;
        object[] first = [];
        object[] second = [];

        OnNewThread(() =>
        {
            using var buffer = new PooledEventBuffer(Capacity);
            first = ArraysOf(buffer.Columns);
        });
        OnNewThread(() =>
        {
            using var buffer = new PooledEventBuffer(Capacity);
            second = ArraysOf(buffer.Columns);
        });

        Assert.Equal(4, second.Length);
        Assert.All(second, array => Assert.Contains(first, known => ReferenceEquals(known, array)));
    }

    [Fact]
    public void AvroRead_SecondFileOnAnotherThread_ReusesTheFirstFilesTablesAndBuffers()
    {
        var file = AvroTestData.FlatFile(AvroCodec.Deflate, 2_000);
        var allocated = long.MaxValue;

        OnNewThread(() => AvroTestData.Read(file));
        OnNewThread(() =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            AvroTestData.Read(file);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        });

        // Each text field's table alone is 1 MiB of slots: a reader that found one of them gone allocated past this.
        Assert.True(allocated < 1024 * 1024, $"the second file allocated {allocated:N0} bytes");
    }

    private static object[] ArraysOf(EventColumns columns) => [columns.ClientIds, columns.TimestampsMicros, columns.Urls, columns.EventTypes];

    private static void OnNewThread(Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("the thread failed", failure);
        }
    }
}
