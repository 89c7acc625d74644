namespace Clickcast.Pipeline.Jobs;

/// <summary>One line of a job's log.</summary>
/// <param name="At">When it was logged.</param>
/// <param name="Level">Information, Warning, Error or Critical.</param>
/// <param name="Category">The logger (class) that wrote it.</param>
/// <param name="Message">The formatted message; an exception adds its type and message.</param>
public sealed record JobLogEntry(DateTimeOffset At, string Level, string Category, string Message);
