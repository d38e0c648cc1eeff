using System.Security.Cryptography;
using System.Text;

namespace Runner.Core;

public static class Hashing
{
    /// <summary>Lowercase hex SHA-256 of the UTF-8 text.</summary>
    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
