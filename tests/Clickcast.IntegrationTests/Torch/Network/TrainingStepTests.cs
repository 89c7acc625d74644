using Clickcast.IntegrationTests.Support;
using Clickcast.Torch;
using Clickcast.Torch.Network;
using Clickcast.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Clickcast.IntegrationTests.Torch.Network;

/// <summary>A batch split across threads takes the same step as the whole batch on one thread.</summary>
public sealed class TrainingStepTests
{
    private const int Vocabulary = 20;

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Backward_SplitAcrossThreads_SameLossGradientsAndWeightsAfterAStepAsOneThread(int parallelism)
    {
        var random = new Random(21);
        var sequences = Enumerable.Range(0, 37).Select(_ => ToyData.Sequence(random, random.Next(1, 30), Vocabulary)).ToArray();
        var labels = sequences.Select(_ => random.NextDouble() < 0.3).ToArray();
        int[] rows = [.. Enumerable.Range(0, sequences.Length).OrderBy(_ => random.Next())];

        var (oneLoss, oneGradients, oneWeights) = Step(sequences, labels, rows, parallelism: 1);
        var (splitLoss, splitGradients, splitWeights) = Step(sequences, labels, rows, parallelism);

        Assert.Equal(oneLoss, splitLoss, 1e-4);
        Assert.Equal(oneGradients.Keys, splitGradients.Keys);
        foreach (var (name, gradient) in oneGradients)
        {
            Assert.True(gradient.abs().max().item<float>() > 0, $"{name}: no gradient");
            Assert.True(gradient.allclose(splitGradients[name], rtol: 0, atol: 1e-5), $"{name}: gradients differ by {(gradient - splitGradients[name]).abs().max().item<float>()}");
            Assert.True(oneWeights[name].allclose(splitWeights[name], rtol: 0, atol: 1e-5), $"{name}: weights differ after the step");
        }
    }

    [Fact]
    public void Backward_DropoutNoise_IsTheOneThreadStepsNoise()
    {
        // Dropout on: without the whole batch's noise drawn once, the parts would drop other units and the
        // gradients would differ far beyond float noise. Rate 0.5 makes that certain.
        var random = new Random(22);
        var sequences = Enumerable.Range(0, 16).Select(_ => ToyData.Sequence(random, random.Next(1, 10), Vocabulary)).ToArray();
        var labels = sequences.Select((_, i) => i % 2 == 0).ToArray();
        int[] rows = [.. Enumerable.Range(0, sequences.Length)];
        var options = ToyData.TinyModel();
        options.Dropout = 0.5;

        var one = Step(sequences, labels, rows, parallelism: 1, options);
        var split = Step(sequences, labels, rows, parallelism: 2, options);
        var otherNoise = Step(sequences, labels, rows, parallelism: 1, options, noiseSeed: 8);

        Assert.True(one.Gradients["output.weight"].allclose(split.Gradients["output.weight"], rtol: 0, atol: 1e-5));
        Assert.False(one.Gradients["output.weight"].allclose(otherNoise.Gradients["output.weight"], rtol: 0, atol: 1e-5));
    }

    [Theory]
    [InlineData(1, 0.1, true)]
    [InlineData(2, 0.0, true)]
    [InlineData(2, 0.1, false)]
    public void CanSplit_OnlyWhenTheGruDrawsNoNoiseOfItsOwn(int layers, double dropout, bool expected)
    {
        var options = ToyData.TinyModel();
        options.Layers = layers;
        options.Dropout = dropout;
        using var network = new GruNetwork(Vocabulary, options);

        Assert.Equal(expected, TrainingStep.CanSplit(network, CPU));
    }

    private static (double Loss, Dictionary<string, Tensor> Gradients, Dictionary<string, Tensor> Weights) Step(
        EncodedSequence[] sequences, bool[] labels, int[] rows, int parallelism, GruModelOptions? options = null, int noiseSeed = 7)
    {
        lock (TorchRun.OneAtATime)
        {
            using var network = GruModel.CreateNetwork(Vocabulary, options ?? ToyData.TinyModel(), seed: 5, eventTypeCount: 4);
            network.train();
            using var positiveWeight = tensor(new[] { 2f });
            using var optimizer = optim.Adam(network.parameters(), 0.01);
            manual_seed(noiseSeed);
            optimizer.zero_grad();
            var loss = TrainingStep.Backward(network, sequences, labels, rows, maxLength: 20, positiveWeight, CPU, parallelism);
            var gradients = network.named_parameters().ToDictionary(p => p.name, p => p.parameter.grad!.detach().clone());
            optimizer.step();
            var weights = network.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().clone());
            return (loss, gradients, weights);
        }
    }
}
