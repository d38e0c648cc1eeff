namespace Runner.Engine.Model;

/// <summary>
/// Marks a normalisation layer (RMSNorm): its weights are what <c>training.adamw.decay_norms: false</c>
/// keeps out of weight decay. A marker rather than a name pattern, so a renamed field cannot
/// silently move a norm into the decayed group.
/// </summary>
public interface INormalization;
