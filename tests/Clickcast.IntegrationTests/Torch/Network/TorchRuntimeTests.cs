using System.ComponentModel.DataAnnotations;
using System.Runtime.InteropServices;
using Clickcast.Torch;
using Clickcast.Torch.Network;

namespace Clickcast.IntegrationTests.Torch.Network;

public sealed partial class TorchRuntimeTests
{
    [Fact]
    public void Apply_OneThread_LibTorchUsesOneThread()
    {
        TorchRuntime.Apply(new TorchOptions { Threads = 1 });

        Assert.Equal(1, TorchSharp.torch.get_num_threads());
    }

    [Fact]
    public void Apply_Any_LeavesAnOpenMpWaitPolicyInTheNativeEnvironment()
    {
        TorchRuntime.Apply(new TorchOptions { Threads = 1 });

        // PASSIVE unless the process was started with a policy of its own.
        Assert.NotEqual(IntPtr.Zero, GetEnvironmentVariable("OMP_WAIT_POLICY"));
    }

    [Fact]
    public void Apply_CudaWithoutCudaLibTorch_ThrowsInvalidOperation()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TorchRuntime.Apply(new TorchOptions { Device = "cuda", Threads = 1 }));

        Assert.Contains("ClickcastLibTorchPackage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_UnknownDevice_ThrowsValidation()
    {
        Assert.Throws<ValidationException>(() => TorchRuntime.Apply(new TorchOptions { Device = "gpu" }));
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnvironmentVariable(string name);
}
