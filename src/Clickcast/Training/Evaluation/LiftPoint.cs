namespace Clickcast.Training.Evaluation;

/// <summary>
/// What contacting the top <paramref name="Percent"/> % of clients by score would yield. The cut holds
/// <c>Percent / 100 × n</c> clients, possibly fractional; clients tied with the score at the cut count in
/// proportion to the part of their tie group inside the cut, which is the average over every order of the tie.
/// </summary>
/// <param name="Percent">Share of clients contacted, in percent.</param>
/// <param name="Clients">Clients inside the cut (<c>Percent / 100 × n</c>).</param>
/// <param name="Positives">Positives inside the cut (fractional when a tie spans the cut).</param>
/// <param name="Precision">Positives / clients inside the cut.</param>
/// <param name="Lift">Precision divided by the overall positive rate: 1 is no better than random.</param>
/// <param name="Gains">Share of all positives inside the cut.</param>
public readonly record struct LiftPoint(double Percent, double Clients, double Positives, double Precision, double Lift, double Gains);
