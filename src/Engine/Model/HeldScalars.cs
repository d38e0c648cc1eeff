using TorchSharp;

namespace Runner.Engine.Model;

/// <summary>
/// The numbers the hot paths pass to tensor operations, as Scalars that live for the whole process.
/// TorchSharp 0.107 turns a plain number into a native Scalar that only its finalizer frees, and
/// does not keep it alive across the native call it is handed to (Tensor.pow(Scalar) reads
/// <c>exponent.Handle</c> and calls libtorch, with no GC.KeepAlive): a collection during that call
/// can free the Scalar under libtorch. One run here died, most likely of that, 75 minutes in (an internal assert in
/// <c>Scalar::equal</c> under <c>pow</c>). Static fields are never collected. Each keeps the type
/// the implicit conversion gave, so results are unchanged.
/// </summary>
public static class HeldScalars
{
    public static readonly Scalar Zero = 0.ToScalar();
    public static readonly Scalar One = 1.ToScalar();
    public static readonly Scalar Two = 2.ToScalar();
    public static readonly Scalar OnePointZero = 1.0.ToScalar();
    /// <summary>RMSNorm's epsilon and the gradient clip's guard against a zero norm.</summary>
    public static readonly Scalar Epsilon = 1e-6.ToScalar();
}
