using Microsoft.Extensions.Logging;

namespace Clickcast.Torch.Pretraining;

/// <summary>What contrastive pretraining tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(7300, LogLevel.Information, "Contrastive pretraining: {Clients} client chains, vocabulary {VocabularySize}, {Epochs} epoch(s), temperature {Temperature}")]
    public static partial void PretrainingStarted(ILogger logger, int clients, int vocabularySize, int epochs, double temperature);

    [LoggerMessage(7301, LogLevel.Information, "Contrastive pretraining epoch {Epoch}: loss {Loss:0.#####} in {Duration}")]
    public static partial void PretrainingEpoch(ILogger logger, int epoch, double loss, TimeSpan duration);
}
