using Clickcast.Pipeline;
using Clickcast.Training.Memory;

namespace Clickcast.Tests.Pipeline;

public sealed class TaskTrainerSampleNoteTests
{
    [Fact]
    public void LoweredSampleNote_TheBudgetLoweredTheSample_NamesTheSettingAndTheFigures()
    {
        var note = TaskTrainer.LoweredSampleNote(new TrainingSampleSize(1153, 6000, 40, 2125.4, Lowered: true), 1);

        Assert.Equal(" The sample was lowered by model.trainingMemoryMiB 1 to 1153 of 6000 clients (2125 bytes each): raise it (up to the operator's Limits:MaxTrainingMemoryMiB) to train on more clients.", note);
    }

    [Fact]
    public void LoweredSampleNote_TheGrusFixedPartTookItsShare_SaysHowMuch()
    {
        var note = TaskTrainer.LoweredSampleNote(new TrainingSampleSize(1153, 6000, 40, 2472, Lowered: true, FixedBytes: 621_690_708), 1024);

        Assert.Contains("(2472 bytes each, after 593 MiB the GRU holds once)", note, StringComparison.Ordinal);
    }

    [Fact]
    public void LoweredSampleNote_NotLowered_AddsNothing()
    {
        Assert.Equal("", TaskTrainer.LoweredSampleNote(new TrainingSampleSize(800, 800, 40, 2125, Lowered: false), 1024));
    }
}
