using Clickcast.Torch.Family;
using Clickcast.Training;
using Microsoft.Extensions.DependencyInjection;

namespace Clickcast.Torch;

/// <summary>Registers the GRU model family next to the domain's own families.</summary>
public static class TorchServiceCollectionExtensions
{
    /// <summary>Adds the GRU family (libtorch loads on first use, not here).</summary>
    public static IServiceCollection AddClickcastTorch(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IModelFamily, GruFamily>();
        services.AddSingleton<IEncoderPretrainer, Pretraining.EncoderPretrainer>();
        return services;
    }
}
