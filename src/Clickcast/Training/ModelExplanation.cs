namespace Clickcast.Training;

/// <summary>explanation.json of a model folder: the URL tokens that most raise and most lower the score.</summary>
/// <param name="Raising">Tokens whose presence raises the score most, strongest first.</param>
/// <param name="Lowering">Tokens whose presence lowers the score most, strongest first.</param>
/// <param name="SampledClients">Test clients the effects were measured on.</param>
public sealed record ModelExplanation(IReadOnlyList<TokenInfluence> Raising, IReadOnlyList<TokenInfluence> Lowering, int SampledClients);
