namespace Clickcast.Server.Hosting;

/// <summary>Settings that cannot be used (an unknown key, a missing settings file): the message names the key and where it came from.</summary>
public sealed class SettingsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SettingsException()
    {
    }

    /// <summary>Creates the exception with a message a person can act on.</summary>
    public SettingsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
