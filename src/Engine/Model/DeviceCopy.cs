using TorchSharp;
using static TorchSharp.torch;

namespace Runner.Engine.Model;

/// <summary>Host-to-device copies that do not make the host wait.</summary>
public static class DeviceCopy
{
    /// <summary>
    /// The tensor on <paramref name="device"/>: itself on the CPU; on a GPU a copy queued from
    /// pinned (page-locked) host memory, which the host does not wait for. A copy from ordinary
    /// host memory is synchronous; TorchSharp 0.107 has Tensor.pin_memory
    /// (src/TorchSharp/Tensor/Tensor.cs:1462) and non_blocking on Tensor.to (Tensor.cs:1016).
    /// The pinned buffer may be freed at once: libtorch's caching host allocator keeps it until
    /// the copy has run.
    /// </summary>
    public static Tensor Upload(Tensor host, Device device)
    {
        if (device.type == DeviceType.CPU) return host;
        using var pinned = host.pin_memory();
        return pinned.to(device, non_blocking: true);
    }
}
