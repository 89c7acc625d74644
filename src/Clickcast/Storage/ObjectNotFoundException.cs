namespace Clickcast.Storage;

/// <summary>An object that was asked for by key does not exist.</summary>
public sealed class ObjectNotFoundException : Exception
{
    public ObjectNotFoundException()
    {
        Key = string.Empty;
    }

    public ObjectNotFoundException(string key)
        : base($"No object with key '{key}'.")
    {
        Key = key;
    }

    public ObjectNotFoundException(string key, Exception innerException)
        : base($"No object with key '{key}'.", innerException)
    {
        Key = key;
    }

    /// <summary>The key that was not found.</summary>
    public string Key { get; }
}
