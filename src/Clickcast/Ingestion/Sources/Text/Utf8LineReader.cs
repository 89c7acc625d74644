using System.Buffers;

namespace Clickcast.Ingestion.Sources.Text;

/// <summary>
/// Splits a stream into lines of raw UTF-8 bytes without decoding them, so that invalid UTF-8 can be reported per
/// line and an over-long line costs neither memory nor decoding: it is skipped up to its newline.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public Utf8LineReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(1 << 20, Math.Max(maxLineBytes + 1, 1 << 16)));
    }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>
    /// Reads the next line without its terminator ('\n' or "\r\n"). Returns false at the end of the stream.
    /// <paramref name="tooLong"/> is true when the line exceeded the limit; <paramref name="line"/> is empty then.
    /// The returned memory is valid until the next call.
    /// </summary>
    public bool TryReadLine(out ReadOnlyMemory<byte> line, out bool tooLong)
    {
        tooLong = false;
        while (true)
        {
            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var length = newline;
                if (length > 0 && span[length - 1] == '\r')
                {
                    length--;
                }

                line = _buffer.AsMemory(_start, length);
                _start += newline + 1;
                LineNumber++;
                if (length > _maxLineBytes)
                {
                    tooLong = true;
                    line = ReadOnlyMemory<byte>.Empty;
                }

                return true;
            }

            if (_eof)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }

                var length = _end - _start;
                line = _buffer.AsMemory(_start, length);
                _start = _end;
                LineNumber++;
                if (length > _maxLineBytes)
                {
                    tooLong = true;
                    line = ReadOnlyMemory<byte>.Empty;
                }

                return true;
            }

            if (_end - _start > _maxLineBytes)
            {
                // The line is already too long: drop what we have and skip to its end without buffering it.
                SkipToNewline();
                LineNumber++;
                tooLong = true;
                line = ReadOnlyMemory<byte>.Empty;
                return true;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private void SkipToNewline()
    {
        _start = _end = 0;
        while (!_eof)
        {
            Fill();
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                return;
            }

            _start = _end = 0;
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
