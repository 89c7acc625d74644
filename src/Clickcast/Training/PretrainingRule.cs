namespace Clickcast.Training;

/// <summary>When a tenant's encoder is built, reused or rebuilt: a pure function of what it was pretrained on.</summary>
public static class PretrainingRule
{
    /// <summary>
    /// <see cref="PretrainingDecision.Rebuild"/> once the sequences hold at least
    /// <see cref="PretrainingSettings.RegrowthFactor"/> times the events the encoder saw; fewer events than before (a
    /// rebuilt store) also rebuild, since the encoder no longer describes the data.
    /// </summary>
    /// <param name="settings">The task's pretraining settings.</param>
    /// <param name="encoderEvents">Events in the sequences the current encoder was pretrained on; null when there is none.</param>
    /// <param name="currentEvents">Events in the tenant's sequences now.</param>
    public static PretrainingDecision Decide(PretrainingSettings settings, long? encoderEvents, long currentEvents)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(currentEvents);
        if (!settings.Enabled)
        {
            return PretrainingDecision.Off;
        }

        if (encoderEvents is not { } seen || seen <= 0)
        {
            return PretrainingDecision.Build;
        }

        return currentEvents < seen || currentEvents >= seen * settings.RegrowthFactor
            ? PretrainingDecision.Rebuild
            : PretrainingDecision.Reuse;
    }

    /// <summary>
    /// Whether chains of these lengths can be pretrained on: at least two of two events or more (a client's positive
    /// pair needs two sub-chains, and a batch another client as the negative).
    /// </summary>
    public static bool CanPretrain(IEnumerable<int> chainLengths)
    {
        ArgumentNullException.ThrowIfNull(chainLengths);
        return chainLengths.Where(length => length >= 2).Take(2).Count() == 2;
    }
}
