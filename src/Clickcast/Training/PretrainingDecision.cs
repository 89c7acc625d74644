namespace Clickcast.Training;

/// <summary>What to do with a tenant's pretrained encoder before a task trains (<see cref="PretrainingRule"/>).</summary>
public enum PretrainingDecision
{
    /// <summary>Pretraining is off: train from random weights, build nothing.</summary>
    Off,

    /// <summary>No encoder yet: build one.</summary>
    Build,

    /// <summary>The encoder is recent enough: warm-start from it.</summary>
    Reuse,

    /// <summary>The data grew past the regrowth factor: rebuild the encoder.</summary>
    Rebuild,
}
