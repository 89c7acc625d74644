namespace Clickcast.Storage;

/// <summary>A local file holding an object's content; deletes the file on dispose when it was a download.</summary>
public sealed class LocalCopy : IDisposable
{
    private readonly bool _isTemporary;

    internal LocalCopy(string path, bool isTemporary)
    {
        Path = path;
        _isTemporary = isTemporary;
    }

    /// <summary>The file to read.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_isTemporary)
        {
            File.Delete(Path);
        }
    }
}
