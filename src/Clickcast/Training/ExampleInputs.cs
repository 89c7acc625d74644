using System.Collections;
using Clickcast.Labels;

namespace Clickcast.Training;

/// <summary>
/// The model inputs of labelled examples as a view: each <see cref="ModelInput"/> is made when read and is garbage
/// once scored, so that scoring a split never holds an input (and its three views) per example at once.
/// </summary>
internal sealed class ExampleInputs(IReadOnlyList<LabeledExample> examples, long? cutoffMicros) : IReadOnlyList<ModelInput>
{
    public ModelInput this[int index] => ModelTrainer.InputOf(examples[index], cutoffMicros);

    public int Count => examples.Count;

    public IEnumerator<ModelInput> GetEnumerator()
    {
        for (var i = 0; i < examples.Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
