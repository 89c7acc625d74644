using Microsoft.Extensions.Logging;

namespace Clickcast.Torch.Pretraining;

/// <summary>What contrastive pretraining tells an operator.</summary>
internal static partial class Log
{
    [LoggerMessage(7300, LogLevel.Information, "Contrastive pretraining: {Clients} client chains, vocabulary {VocabularySize}, {Epochs} epoch(s), temperature {Temperature}")]
    public static partial void PretrainingStarted(ILogger logger, int clients, int vocabularySize, int epochs, double temperature);

    [LoggerMessage(7301, LogLevel.Information, "Contrastive pretraining epoch {Epoch}: loss {Loss:0.#####} in {Duration}")]
    public static partial void PretrainingEpoch(ILogger logger, int epoch, double loss, TimeSpan duration);

    [LoggerMessage(7320, LogLevel.Warning, "Encoder {Key} (embedding {EncoderEmbedding}, hidden {EncoderHidden}, {EncoderLayers} layer(s)) differs from the task's GRU (embedding {Embedding}, hidden {Hidden}, {Layers} layer(s)): training from random weights")]
    public static partial void EncoderShapeDiffers(ILogger logger, string key, int encoderEmbedding, int encoderHidden, int encoderLayers, int embedding, int hidden, int layers);
}
