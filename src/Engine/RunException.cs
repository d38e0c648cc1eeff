namespace Runner.Engine;

/// <summary>A run cannot start or go on; the message is one line for the user.</summary>
public sealed class RunException(string message) : Exception(message);
