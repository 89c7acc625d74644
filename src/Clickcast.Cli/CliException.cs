namespace Clickcast.Cli;

/// <summary>A problem the user can fix (bad argument, missing file): printed as one line, exit code 2.</summary>
internal sealed class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
