using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging;

namespace Clickcast.Torch;

/// <summary>
/// What a libtorch run (training, pretraining) takes beside its data: libtorch options validated once, the clock and
/// the logger of the class that runs it.
/// </summary>
/// <remarks>
/// libtorch's random generator is global to the process, so runs in one process take turns (<see cref="OneAtATime"/>):
/// that keeps a run deterministic (same data, options and thread count give the same weights) and costs nothing,
/// because one run already uses every libtorch thread.
/// </remarks>
internal sealed class TorchRun
{
    /// <summary>Held by every run that draws from libtorch's process-wide random generator.</summary>
    internal static readonly Lock OneAtATime = new();

    /// <summary>The options, checked: a wrong value throws <see cref="ValidationException"/> here, not mid-run.</summary>
    public TorchRun(TorchOptions torch, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(torch);
        Validator.ValidateObject(torch, new ValidationContext(torch), validateAllProperties: true);
        Torch = torch;
        Time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        Logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>libtorch's device, threads and parallelism.</summary>
    public TorchOptions Torch { get; }

    /// <summary>The clock runs are timed by.</summary>
    public TimeProvider Time { get; }

    /// <summary>The logger of the class that runs.</summary>
    public ILogger Logger { get; }
}
