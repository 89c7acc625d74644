using System.ComponentModel.DataAnnotations;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Clickcast.Torch.Network;

/// <summary>Applies <see cref="TorchOptions"/> to libtorch, which keeps them per process.</summary>
internal static partial class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _waitPolicySet;

    /// <summary>Validates the options, applies the thread count and returns the device to run on.</summary>
    public static Device Apply(TorchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        PreferPassiveWaiting();
        var device = new Device(options.Device);
        if (device.type == DeviceType.CUDA)
        {
            if (!TryInitializeDeviceType(DeviceType.CUDA) || !cuda.is_available())
            {
                throw new InvalidOperationException(
                    $"Device '{options.Device}' was asked for, but libtorch has no usable CUDA here; reference a CUDA libtorch package (ClickcastLibTorchPackage) on a machine with a GPU.");
            }
        }

        if (options.Threads is { } threads && get_num_threads() != threads)
        {
            set_num_threads(threads);
        }

        return device;
    }

    // libgomp's worker threads spin between parallel regions unless OMP_WAIT_POLICY says otherwise; with two busy
    // libtorch threads and another process on a two-core machine that spinning made training about 12x slower.
    // libgomp reads the variable once, when libtorch loads it, so it must be in the native environment before the
    // first tensor; an operator's own setting wins. (Environment.SetEnvironmentVariable does not reach native code.)
    private static void PreferPassiveWaiting()
    {
        lock (Gate)
        {
            if (_waitPolicySet)
            {
                return;
            }

            _waitPolicySet = true;
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                _ = SetEnvironmentVariable("OMP_WAIT_POLICY", "PASSIVE", overwrite: 0);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironmentVariable(string name, string value, int overwrite);
}
