namespace Runner.Engine.Model.Pretrained;

/// <summary>A pretrained checkpoint that cannot be used as it is; the message names the file and the key or tensor.</summary>
public sealed class PretrainedException(string message) : Exception(message);
