using System.Buffers;

namespace Clickcast.Events;

/// <summary>
/// The pool of the large arrays an ingest borrows per source file and gives back when the file is done: the shared
/// event buffer's columns, the Avro reader's string tables and block buffers. One pool for every thread alike, unlike
/// <see cref="ArrayPool{T}.Shared"/>, which keeps a returned array in the returning thread's own slot first: an
/// ingest's files continue on whichever pool thread their awaits resume on, so a file started on another thread
/// allocated its buffers anew, and that large-object garbage (while the large-object budget is small, early in a
/// process) set off blocking full collections (docs/benchmarks.md, "Full collections and one-off URLs").
/// </summary>
/// <remarks>
/// Arrays come in power-of-two lengths, as from the shared pool. The pool never holds more arrays than were borrowed at
/// once, at most <see cref="MaxArraysPerLength"/> of each length (the columns of every file ingested at once), and none
/// longer than <see cref="MaxLength"/>: longer ones are allocated and dropped. Unlike the shared pool it does not trim
/// idle arrays: what it keeps is what one ingest's files held at once anyway.
/// </remarks>
internal static class LargeArrayPool<T>
{
    /// <summary>Longest array pooled, in elements (the Avro reader's largest pooled block buffer).</summary>
    public const int MaxLength = 4 * 1024 * 1024;

    /// <summary>Arrays of one length kept: three text columns for each file ingested at once, with room.</summary>
    public static int MaxArraysPerLength { get; } = 4 * Math.Max(2, Environment.ProcessorCount);

    public static ArrayPool<T> Shared { get; } = ArrayPool<T>.Create(MaxLength, MaxArraysPerLength);
}
