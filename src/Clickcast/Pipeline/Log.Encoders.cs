using Clickcast.Training;
using Microsoft.Extensions.Logging;

namespace Clickcast.Pipeline;

/// <summary>What the pipeline tells an operator about pretrained encoders.</summary>
internal static partial class Log
{
    [LoggerMessage(7321, LogLevel.Warning, "{Tenant}/{Task}: model.pretraining is enabled but this process cannot pretrain (no libtorch): training without an encoder")]
    public static partial void EncoderUnavailable(ILogger logger, string tenant, string task);

    [LoggerMessage(7322, LogLevel.Information, "{Tenant}/{Task}: pretraining {Decision} (newest encoder {Key}, pretrained on {EncoderEvents} events; sequences hold {Events})")]
    public static partial void EncoderDecided(ILogger logger, string tenant, string task, PretrainingDecision decision, string key, long encoderEvents, long events);

    [LoggerMessage(7323, LogLevel.Information, "{Tenant}/{Task}: encoder pretrained on {Chains} training chain(s) stored at {Key}")]
    public static partial void EncoderStored(ILogger logger, string tenant, string task, string key, int chains);

    [LoggerMessage(7324, LogLevel.Warning, "{Tenant}/{Task}: too few training chains of two events or more to pretrain an encoder ({Chains} chains): training without one")]
    public static partial void EncoderTooFewChains(ILogger logger, string tenant, string task, int chains);
}
