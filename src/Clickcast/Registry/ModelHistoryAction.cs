namespace Clickcast.Registry;

/// <summary>What happened to a task's models; stored by name in <c>model_history.action</c>.</summary>
public enum ModelHistoryAction
{
    /// <summary>A trained version was registered with its facts.</summary>
    Registered = 0,

    /// <summary>A version became champion (by the policy or by hand).</summary>
    Promoted,

    /// <summary>A version did not beat the champion (or the minimum AUC).</summary>
    Rejected,

    /// <summary>The champion before the current one was put back.</summary>
    RolledBack,

    /// <summary>Retraining paused (patience reached, or by hand).</summary>
    RetrainingPaused,

    /// <summary>Retraining resumed (the data grew enough, or by hand).</summary>
    RetrainingResumed,

    /// <summary>Retraining was reset by hand (history written before manual resumes were recorded as <see cref="RetrainingResumed"/>).</summary>
    RetrainingReset,
}
