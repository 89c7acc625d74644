using Clickcast.Training;

namespace Clickcast.Scoring;

/// <summary>One client's current score and the URL tokens of its chain that move it most.</summary>
/// <param name="Prediction">The current score.</param>
/// <param name="Events">Events in the client's chain (capped).</param>
/// <param name="TopUrls">Tokens by absolute effect (probability with the token minus without it), strongest first; empty when the sequence or model is gone.</param>
/// <param name="Chain">The newest events of the chain (at most <see cref="ClientChain.MaxEvents"/>), oldest first, each marked with whether the model read it; empty when the sequence or model is gone.</param>
public sealed record ClientScore(Prediction Prediction, long Events, IReadOnlyList<TokenInfluence> TopUrls, IReadOnlyList<ChainEvent>? Chain = null);
