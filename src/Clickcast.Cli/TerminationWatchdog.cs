using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Clickcast.Cli;

/// <summary>
/// The last resort of a stop: once SIGTERM or SIGINT arrives, the process is killed if it is still alive after
/// <see cref="Deadline"/>, whatever holds it (a native call that never returns, a stuck exit). The graceful path —
/// the verb's cancelled token, the host's shutdown, running jobs released — has until then.
/// </summary>
internal sealed class TerminationWatchdog : IDisposable
{
    /// <summary>How long System.CommandLine waits for a cancelled verb: above the host's 30 s shutdown timeout.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(35);

    /// <summary>When a process that was asked to stop is killed.</summary>
    public static readonly TimeSpan Deadline = GracePeriod + TimeSpan.FromSeconds(10);

    private readonly PosixSignalRegistration[] _registrations;
    private ITimer? _timer;

    public TerminationWatchdog()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Arm),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Arm),
        ];
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _timer?.Dispose();
    }

    private void Arm(PosixSignalContext context)
    {
        // Not cancelling the signal's default here: System.CommandLine's own handler does, and turns it into the verb's token.
        _timer ??= TimeProvider.System.CreateTimer(_ => Kill(), null, Deadline, Timeout.InfiniteTimeSpan);
    }

    private static void Kill()
    {
        Console.Error.WriteLine($"clickcast: still running {Deadline.TotalSeconds:0} s after the stop signal; killing the process");
        Process.GetCurrentProcess().Kill();
    }
}
