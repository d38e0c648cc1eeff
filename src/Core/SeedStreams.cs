using System.Security.Cryptography;
using System.Text;

namespace Runner.Core;

/// <summary>
/// Independent random streams derived from one spec seed, one per purpose ("init", "data",
/// "label", "eval/12"): changing how much one consumer draws never shifts another.
/// </summary>
public static class SeedStreams
{
    public static int Derive(int seed, string purpose)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}/{purpose}"));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }
}
