namespace Clickcast.Training.Memory;

/// <summary>How many clients a training reads (<see cref="TrainingFootprint.SampleSize"/>) and why.</summary>
/// <param name="Clients">Clients read.</param>
/// <param name="Available">Clients the sequences hold at most.</param>
/// <param name="MeanEvents">Stored events per client.</param>
/// <param name="BytesPerClient">What training holds per client read (<see cref="TrainingFootprint.Of(ModelSettings)"/>).</param>
/// <param name="Lowered">True when <see cref="ModelSettings.TrainingMemoryMiB"/> lowered the sample below <see cref="ModelSettings.MaxTrainingClients"/> and the clients there are.</param>
/// <param name="FixedBytes">What training holds once whatever the sample (the GRU's weights and batches), taken from the budget first.</param>
public readonly record struct TrainingSampleSize(int Clients, long Available, double MeanEvents, double BytesPerClient, bool Lowered, double FixedBytes = 0)
{
    /// <summary><see cref="FixedBytes"/> in MiB.</summary>
    public double FixedMiB => FixedBytes / (1024.0 * 1024.0);
}
