namespace Clickcast.Training.Evaluation;

/// <summary>Something a client of the model must know before trusting it, shown on the model card.</summary>
/// <param name="Kind">What it is about.</param>
/// <param name="Message">One sentence, with the figures behind it.</param>
public sealed record ModelWarning(ModelWarningKind Kind, string Message);
