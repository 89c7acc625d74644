namespace Clickcast.Training;

/// <summary>Why a family was chosen: stored in metrics.json and shown on the model card.</summary>
/// <param name="Chosen">The family kept.</param>
/// <param name="Method">The scores compared.</param>
/// <param name="Clients">Clients those scores cover.</param>
/// <param name="Positives">Positives among them.</param>
/// <param name="Z">The z of the margin a more complex family must beat.</param>
/// <param name="Aucs">Each family's AUC on those scores, simplest first.</param>
/// <param name="Comparisons">Each challenge, in the order made.</param>
/// <param name="Reason">One sentence for the card.</param>
public sealed record FamilySelection(
    ModelFamilyKind Chosen,
    SelectionMethod Method,
    int Clients,
    int Positives,
    double Z,
    IReadOnlyList<FamilyAuc> Aucs,
    IReadOnlyList<FamilyComparison> Comparisons,
    string Reason);
