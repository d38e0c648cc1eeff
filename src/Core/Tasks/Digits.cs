namespace Runner.Core.Tasks;

/// <summary>Random digit strings as the paper's tasks draw operands: first digit 1-9, the rest 0-9.</summary>
public static class Digits
{
    public static string Random(int length, Random rng)
    {
        var chars = new char[length];
        chars[0] = (char)('1' + rng.Next(9));
        for (int i = 1; i < length; i++) chars[i] = (char)('0' + rng.Next(10));
        return new string(chars);
    }

    public static string Reverse(string s)
    {
        var chars = s.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    /// <summary>9 x 10^(n-1) numbers have n digits and no leading zero.</summary>
    public static double CountOfLength(int n) => 9 * Math.Pow(10, n - 1);
}
